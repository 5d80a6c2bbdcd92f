import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { connectAnnotate, request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;

beforeAll(async () => {
  // A minute per act: a scripted client is always too fast. Upkeep every 200 ms.
  platform = await startTestPlatform('quality-checks', {
    minMsPerAct: 60_000,
    maintenanceIntervalMs: 200,
    recoveryIntervalMs: 200,
  });
});
afterAll(async () => {
  await platform.close();
});

async function finishedAnnotation(): Promise<Annotation> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  try {
    const claim = await request<TaskView>(socket, 'task:claim', {});
    if (!claim.ok) {
      throw new Error(JSON.stringify(claim));
    }
    const { taskId } = claim.data;
    await request(socket, 'dialogue:act', { taskId, seq: 1, act: { type: 'end' } });
    const ended = await request(socket, 'dialogue:select', { taskId, allocation: null });
    expect(ended).toEqual({ ok: true, data: { ended: true } });
    return (await annotationModel(platform.db.connection)
      .findOne({ taskId, workerId: user.id })
      .lean<Annotation>()
      .exec()) as Annotation;
  } finally {
    socket.close();
  }
}

describe('quality checks on real annotations', () => {
  it('flags acts faster than the configured time per act, and leaves the review pending', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const annotation = await finishedAnnotation();
    // Ending at once with no deal is also no attempt at negotiating.
    expect(annotation.flags.map((f) => f.code)).toEqual(['too_fast', 'no_attempt']);
    expect(annotation.flags[0]?.detail).toMatch(/ms per act on average \(under 60000 ms\)$/);
    expect(annotation.review).toMatchObject({ status: 'pending', decidedBy: null });
  });

  it('upkeep checks a completed annotation whose check was lost (a crash in between)', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const annotation = await finishedAnnotation();
    // As if the server died after storing the record but before the check.
    await annotationModel(platform.db.connection)
      .updateOne({ _id: annotation._id }, { $set: { checkedAt: null, flags: [] } })
      .exec();
    const checked = await vi.waitFor(
      async () => {
        const found = await annotationModel(platform.db.connection)
          .findById(annotation._id)
          .lean<Annotation>()
          .exec();
        expect(found?.checkedAt).toBeInstanceOf(Date);
        return found;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(checked?.flags.map((f) => f.code)).toEqual(['too_fast', 'no_attempt']);
  });
});
