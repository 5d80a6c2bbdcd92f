import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import type { MyAnnotationView, Page } from '../../shared/protocol/review';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/** A reviewer's reason reaches the worker it is about, and no other worker. */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('my-annotations');
});
afterAll(async () => {
  await platform.close();
});

async function signedIn(roles: ('worker' | 'reviewer')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { ...user, client };
}

/** A completed annotation of this worker on a real task (as the annotation service leaves it). */
async function completedBy(workerId: string, seed: number): Promise<string> {
  const [task] = await createTestTasks(platform.db.connection, 1, { seed });
  const created = await annotationModel(platform.db.connection).create({
    taskId: String(task?._id),
    workerId,
    leaseId: `lease-${seed}`,
    status: 'completed',
    startedAt: new Date(Date.UTC(2030, 0, 1, 0, seed)),
    endedAt: new Date(Date.UTC(2030, 0, 1, 0, seed + 1)),
    outcome: { agreed: true, scores: [6, 4], selections: [null, null] },
    flags: [{ code: 'too_fast', detail: 'internal detail' }],
    gold: { passed: false, failures: ['agreement'] },
  });
  return created._id.toHexString();
}

describe('GET /api/my/annotations', () => {
  it('shows a worker the status and reason of their own annotations, and nobody else’s', async () => {
    const ann = await signedIn(['worker']);
    const ben = await signedIn(['worker']);
    const reviewer = await signedIn(['reviewer']);
    const annsOwn = await completedBy(ann.id, 1);
    const bensOwn = await completedBy(ben.id, 2);

    const decided = await reviewer.client.post(`/api/review/annotations/${annsOwn}/decision`, {
      decision: 'rejected',
      reason: 'You agreed before reading the offer.',
      expectedStatus: 'pending',
    });
    expect(decided.status).toBe(200);

    const mine = await ann.client.get('/api/my/annotations');
    expect(mine.status).toBe(200);
    const page = mine.body as Page<MyAnnotationView>;
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      expect.objectContaining({
        id: annsOwn,
        outcome: { agreed: true, yourScore: 4 },
        review: expect.objectContaining({
          status: 'rejected',
          reason: 'You agreed before reading the offer.',
        }) as unknown,
      }),
    ]);
    // No reviewer identity, flags or gold verdict travel to the worker.
    expect(JSON.stringify(page)).not.toMatch(/reviewerId|too_fast|gold|internal detail/);
    expect(JSON.stringify(page)).not.toContain(reviewer.id);

    const bens = (await ben.client.get('/api/my/annotations')).body as Page<MyAnnotationView>;
    expect(bens.items.map((item) => item.id)).toEqual([bensOwn]);
    expect(bens.items[0]?.review).toMatchObject({ status: 'pending', reason: '' });
  });
});
