import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActAckData, DialogueActEvent, TaskView } from '../../shared/protocol/annotation';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';
import {
  connectAnnotate,
  nextEvent,
  request as emit,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { createTestTasks } from '../support/taskFactory';

/**
 * The server is a real `parley start` process over the test database (MONGODB_URI), so the
 * database outlives it: SIGKILL it mid-dialogue, start it again, and the worker resumes with
 * every acknowledged act in place, in order, once.
 */
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const servers: ServerProcess[] = [];
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  db = await openTestDatabase('sigkill');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await Promise.all(servers.map((server) => server.stop()));
  await db.drop();
});

async function startServer(): Promise<ServerProcess> {
  const server = await startServerProcess(db.connection.name);
  servers.push(server);
  return server;
}

describe('SIGKILL of the server mid-dialogue', () => {
  it('loses no acknowledged act: the worker resumes with each act present once, in order', async () => {
    await createTestTasks(db.connection, 1, { redundancy: 1 });
    const user = await createTestUser(db.connection, ['worker']);

    const first = await startServer();
    const http = new HttpClient(first.url);
    await http.login(user.username, user.password);
    const socket = await connectAnnotate(first.url, { cookie: http.cookie });
    sockets.push(socket);
    const claim = await emit<TaskView>(socket, 'task:claim', {});
    if (!claim.ok) {
      throw new Error(JSON.stringify(claim));
    }
    const { taskId, counts } = claim.data;
    const prefixLength = claim.data.history.length;

    // Bob asks for everything (a boulware Alice never agrees to that), Alice answers, again.
    const acked: { seq: number; turn: number; act: unknown }[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const act = { type: 'propose', allocation: counts };
      const reply = nextEvent(socket, 'dialogue:act');
      const ack = await emit<ActAckData>(socket, 'dialogue:act', { taskId, seq, act });
      if (!ack.ok) {
        throw new Error(JSON.stringify(ack));
      }
      acked.push({ seq, turn: ack.data.turn, act });
      const alice: DialogueActEvent = await reply;
      expect(alice.speaker).toBe('alice');
      if (alice.act.type === 'agree') {
        break;
      }
    }
    // One more act: acknowledged, then the process dies before Alice can answer (or just after).
    const lastAct = { type: 'propose', allocation: counts };
    const last = await emit<ActAckData>(socket, 'dialogue:act', { taskId, seq: 4, act: lastAct });
    if (last.ok) {
      acked.push({ seq: 4, turn: last.data.turn, act: lastAct });
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    socket.close();

    const second = await startServer();
    // The session lives in the database: the same cookie signs the worker in on the new process.
    const again = await connectAnnotate(second.url, { cookie: http.cookie });
    sockets.push(again);
    const resumed = await emit<TaskView>(again, 'task:resume', { taskId });
    if (!resumed.ok) {
      throw new Error(JSON.stringify(resumed));
    }
    for (const { turn, act } of acked) {
      expect(resumed.data.history[turn], `turn ${turn}`).toEqual({ speaker: 'bob', act });
    }
    // In order: each acknowledged act after the previous one, Alice's answer between them.
    const turns = acked.map((a) => a.turn);
    expect(turns).toEqual([...turns].sort((a, b) => a - b));
    expect(turns[0]).toBe(prefixLength);

    const stored = await annotationModel(db.connection).findOne({ taskId }).lean();
    const bobSeqs = (stored?.turns ?? []).filter((t) => t.speaker === 1).map((t) => t.seq);
    expect(bobSeqs).toEqual(acked.map((a) => a.seq));
    expect(stored?.turnCount).toBe(stored?.turns.length);
    // Resuming let Alice answer the act the crash left unanswered: it is Bob's turn again.
    expect(resumed.data.nextSpeaker).toBe('bob');

    // Resending an acknowledged act is a duplicate, not a second act.
    const resend = await emit<ActAckData>(again, 'dialogue:act', {
      taskId,
      seq: 1,
      act: acked[0]?.act,
    });
    expect(resend).toEqual({ ok: true, data: { seq: 1, turn: acked[0]?.turn, duplicate: true } });
    const after = await annotationModel(db.connection).findOne({ taskId }).lean();
    expect(after?.turns.length).toBe(stored?.turns.length);

    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
