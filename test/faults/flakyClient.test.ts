import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { Act } from '../../shared/dialogue/acts';
import { getDomain } from '../../shared/domain/domains';
import type { ActAckData, TaskView } from '../../shared/protocol/annotation';
import { createRng } from '../../shared/random/rng';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('flakyclient');
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await platform.close();
});

describe('a client on a bad connection', () => {
  it('reconnects before every act and sends each act twice, and nothing is duplicated', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const user = await createTestUser(platform.db.connection, ['worker']);
    const http = new HttpClient(platform.server.url);
    await http.login(user.username, user.password);
    const connect = async () => {
      const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
      sockets.push(socket);
      return socket;
    };
    let socket = await connect();
    const claim = await request<TaskView | null>(socket, 'task:claim', {});
    if (!claim.ok || claim.data === null) {
      throw new Error(`claim failed: ${JSON.stringify(claim)}`);
    }
    let view: TaskView = claim.data;
    const bob = scriptedNegotiators.conceder.create(createRng(3));
    const sent: Act[] = [];
    let seq = 0;
    let reconnects = 0;
    while (view.phase === 'negotiating' && view.nextSpeaker === 'bob') {
      const act = bob.act({
        domain: getDomain(view.domain),
        counts: view.counts,
        utilities: view.utilities,
        me: 1,
        turns: view.history.map((h) => ({ speaker: h.speaker === 'alice' ? 0 : 1, act: h.act })),
      });
      seq += 1;
      const payload = { taskId: view.taskId, seq, act };
      // The same act twice at once, then once more on a fresh connection.
      const [a, b] = await Promise.all([
        request<ActAckData>(socket, 'dialogue:act', payload),
        request<ActAckData>(socket, 'dialogue:act', payload),
      ]);
      expect(a.ok && b.ok).toBe(true);
      expect([a.ok && a.data.duplicate, b.ok && b.data.duplicate].sort()).toEqual([false, true]);
      socket.close();
      socket = await connect();
      reconnects += 1;
      const again = await request<ActAckData>(socket, 'dialogue:act', payload);
      expect(again).toMatchObject({ ok: true, data: { seq, duplicate: true } });
      sent.push(act);
      const resumed = await request<TaskView>(socket, 'task:resume', { taskId: view.taskId });
      if (!resumed.ok) {
        throw new Error(`resume failed: ${JSON.stringify(resumed)}`);
      }
      view = resumed.data;
    }
    expect(reconnects).toBeGreaterThan(1);
    const stored = await annotationModel(platform.db.connection)
      .findOne({ taskId: view.taskId })
      .lean<Annotation>();
    expect(stored?.bobSeqs).toEqual(sent.map((_, i) => i + 1));
    expect(stored?.turns.filter((t) => t.speaker === 1).map((t): unknown => t.act)).toEqual(sent);
  });
});
