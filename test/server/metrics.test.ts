import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActAckData, TaskView } from '../../shared/protocol/annotation';
import { jobModel } from '../../platform/jobs/jobModel';
import { connectAnnotate, nextEvent, request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('metrics');
});
afterAll(async () => {
  await platform.close();
});

async function signedIn(roles: ('worker' | 'researcher' | 'admin' | 'reviewer')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return client;
}

/** The value of one sample line of the Prometheus text format. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /api/metrics', () => {
  it('is for admins only', async () => {
    expect((await new HttpClient(platform.server.url).get('/api/metrics')).status).toBe(401);
    for (const role of ['worker', 'reviewer', 'researcher'] as const) {
      expect((await (await signedIn([role])).get('/api/metrics')).status).toBe(403);
    }
  });

  it('reports queue depths and job durations from the database in Prometheus text format', async () => {
    await createTestTasks(platform.db.connection, 3);
    const now = Date.now();
    await jobModel(platform.db.connection).create({
      kind: 'round.retrain',
      payload: {},
      status: 'done',
      maxAttempts: 3,
      runAfter: new Date(now - 60_000),
      createdAt: new Date(now - 60_000),
      updatedAt: new Date(now),
      startedAt: new Date(now - 42_000),
      finishedAt: new Date(now),
    });
    const admin = await signedIn(['admin']);
    const res = await fetch(`${platform.server.url}/api/metrics`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'parley_tasks_open')).toBe(3);
    expect(sample(text, 'parley_annotate_sockets')).toBe(0);
    expect(sample(text, 'parley_jobs{kind="round.retrain",status="done"}')).toBe(1);
    // 42 s falls in the 60 s bucket, not in the 30 s one.
    expect(
      sample(
        text,
        'parley_job_duration_seconds_bucket{le="30",kind="round.retrain",status="done"}',
      ),
    ).toBe(0);
    expect(
      sample(
        text,
        'parley_job_duration_seconds_bucket{le="60",kind="round.retrain",status="done"}',
      ),
    ).toBe(1);
    expect(text).toContain('# TYPE parley_socket_event_seconds histogram');
    expect(text).toContain('parley_process_resident_memory_bytes');
  });

  it('times socket events by outcome and Alice replies by agent', async () => {
    const worker = await signedIn(['worker']);
    const socket = await connectAnnotate(platform.server.url, { cookie: worker.cookie });
    try {
      const claim = await request<TaskView | null>(socket, 'task:claim', {});
      if (!claim.ok || claim.data === null) {
        throw new Error(`claim failed: ${JSON.stringify(claim)}`);
      }
      const view = claim.data;
      const bad = await request(socket, 'dialogue:act', { taskId: view.taskId, seq: 1 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      const reply = nextEvent(socket, 'dialogue:act');
      const act = await request<ActAckData>(socket, 'dialogue:act', {
        taskId: view.taskId,
        seq: 1,
        act: { type: 'propose', allocation: view.counts },
      });
      expect(act.ok).toBe(true);
      await reply;
    } finally {
      socket.close();
    }
    const admin = await signedIn(['admin']);
    const metrics = async () =>
      (
        await fetch(`${platform.server.url}/api/metrics`, {
          headers: { cookie: admin.cookie ?? '' },
        })
      ).text();
    // Alice's reply is timed just after it is sent: wait until it is observed.
    const text = await vi.waitFor(
      async () => {
        const body = await metrics();
        expect(sample(body, 'parley_alice_reply_seconds_count{agent="scripted"}')).toBe(1);
        return body;
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(sample(text, 'parley_socket_event_seconds_count{event="task:claim",outcome="ok"}')).toBe(
      1,
    );
    expect(
      sample(text, 'parley_socket_event_seconds_count{event="dialogue:act",outcome="ok"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'parley_socket_event_seconds_count{event="dialogue:act",outcome="validation_failed"}',
      ),
    ).toBe(1);
    expect(sample(text, 'parley_alice_reply_seconds_count{agent="scripted"}')).toBe(1);
  });
});
