import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RoundProgressEvent } from '../../shared/protocol/rounds';
import { clientEventNames } from '../../shared/protocol/socketContract';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { taskModel } from '../../platform/tasks/taskModel';
import {
  connectAnnotate,
  nextEvent,
  request as emit,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { openUserSockets } from '../support/userSockets';
import { signIn } from './principals';
import { validRound } from './validBodies';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('cross-tenant');
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await platform.close();
});

async function workerSocket() {
  const worker = await signIn(platform.db.connection, platform.server.url, 'worker');
  const socket = await connectAnnotate(platform.server.url, { cookie: worker.client.cookie });
  sockets.push(socket);
  return { worker, socket };
}

describe('cross-tenant access', () => {
  it("a worker can neither resume nor act on another worker's task, and nothing of it changes", async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const alice = await workerSocket();
    const mallory = await workerSocket();
    const claim = await emit<TaskView | null>(alice.socket, 'task:claim', {});
    const view = claim.ok ? claim.data : null;
    expect(view).not.toBeNull();
    const taskId = (view as TaskView).taskId;
    const before = await annotationModel(platform.db.connection).findOne({ taskId }).lean();
    const taskBefore = await taskModel(platform.db.connection).findById(taskId).lean();

    const attempts: Record<string, unknown> = {
      'task:resume': { taskId },
      'task:heartbeat': { taskId },
      'task:abandon': { taskId },
      'astra:suggest': { taskId },
      'dialogue:act': { taskId, seq: 1, act: { type: 'propose', allocation: view?.counts } },
      'dialogue:select': { taskId, allocation: view?.counts },
      'evaluation:rate': { taskId, answers: { quality: 4 } },
    };
    // Every task-scoped event of the contract is tried (claim is not task-scoped).
    expect(Object.keys(attempts).sort()).toEqual(
      clientEventNames.filter((e) => e !== 'task:claim').sort(),
    );
    for (const [event, payload] of Object.entries(attempts)) {
      const ack = await emit(mallory.socket, event as never, payload);
      expect(ack.ok, event).toBe(false);
      expect(JSON.stringify(ack), event).not.toContain('utilities');
    }
    expect(await annotationModel(platform.db.connection).findOne({ taskId }).lean()).toEqual(
      before,
    );
    expect(await taskModel(platform.db.connection).findById(taskId).lean()).toEqual(taskBefore);
    // The rightful worker is unaffected.
    const resumed = await emit<TaskView>(alice.socket, 'task:resume', { taskId });
    expect(resumed.ok).toBe(true);
  });

  it("a researcher can neither read nor steer another researcher's round; an admin can", async () => {
    const owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
    const other = await signIn(platform.db.connection, platform.server.url, 'researcher');
    const admin = await signIn(platform.db.connection, platform.server.url, 'admin');
    const created = await owner.client.post('/api/rounds', validRound());
    const id = (created.body as { round: { id: string } }).round.id;

    expect((await other.client.get(`/api/rounds/${id}`)).status).toBe(404);
    for (const action of ['launch', 'pause', 'resume', 'cancel']) {
      expect((await other.client.post(`/api/rounds/${id}/${action}`)).status, action).toBe(404);
    }
    const listed = (await other.client.get('/api/rounds')).body as { rounds: { id: string }[] };
    expect(listed.rounds.map((r) => r.id)).not.toContain(id);
    expect((await other.client.get(`/api/datasets/export?round=${id}`)).status).toBe(404);
    const stillDraft = (await owner.client.get(`/api/rounds/${id}`)).body as {
      round: { status: string };
    };
    expect(stillDraft.round.status).toBe('draft');

    expect((await admin.client.get(`/api/rounds/${id}`)).status).toBe(200);
  });

  it("a researcher's /rounds socket never hears another researcher's round", async () => {
    const owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
    const other = await signIn(platform.db.connection, platform.server.url, 'researcher');
    // Each researcher's /rounds and /annotate share one connection: an /annotate ack received
    // after the owner heard its events proves nothing stray was on the way (no sleep).
    const listen = async (cookie: string | null) => {
      const sockets = await openUserSockets(platform.server.url, { cookie: cookie ?? '' }, 'one');
      const heard: RoundProgressEvent[] = [];
      sockets.rounds.on('round:progress', (event: RoundProgressEvent) => heard.push(event));
      return { sockets, heard };
    };
    const ownerSocket = await listen(owner.client.cookie);
    const otherSocket = await listen(other.client.cookie);
    const created = await owner.client.post('/api/rounds', validRound());
    const id = (created.body as { round: { id: string } }).round.id;
    await owner.client.post(`/api/rounds/${id}/launch`);
    await owner.client.post(`/api/rounds/${id}/pause`);
    await vi.waitFor(() => expect(ownerSocket.heard.length).toBeGreaterThanOrEqual(2), {
      timeout: 60_000,
      interval: 50,
    });
    const barrier = await emit(otherSocket.sockets.annotate, 'task:heartbeat', {
      taskId: '0'.repeat(24),
    });
    ownerSocket.sockets.close();
    otherSocket.sockets.close();
    expect(barrier.ok).toBe(false);
    expect(ownerSocket.heard.map((e) => e.roundId)).toContain(id);
    expect(otherSocket.heard).toEqual([]);
  });

  it("a researcher cannot revoke another researcher's API token", async () => {
    const owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
    const other = await signIn(platform.db.connection, platform.server.url, 'researcher');
    const made = (await owner.client.post('/api/auth/tokens', { name: 'script' })).body as {
      token: { id: string; token: string };
    };
    expect((await other.client.request('DELETE', `/api/auth/tokens/${made.token.id}`)).status).toBe(
      404,
    );
    const me = await fetch(`${platform.server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${made.token.token}` },
    });
    expect(me.status).toBe(200);
  });

  it("a worker never receives Alice's utilities in any payload of a whole dialogue", async () => {
    const [task] = await createTestTasks(platform.db.connection, 1, { redundancy: 1, seed: 99 });
    const stored = await taskModel(platform.db.connection).findById(task?._id).lean();
    const aliceUtilities = stored?.aliceUtilities ?? [];
    const bobUtilities = stored?.bobUtilities ?? [];
    const { socket } = await workerSocket();
    const received: unknown[] = [];
    socket.onAny((_event: string, ...args: unknown[]) => received.push(args));

    // Every ack is kept (and must be ok): the walk below reads them with the pushed events.
    const acks: { event: string; ok: boolean; code?: string }[] = [];
    const ack = async <T>(event: Parameters<typeof emit>[1], payload: unknown) => {
      const reply = await emit<T>(socket, event, payload);
      received.push(reply);
      acks.push({ event, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) });
      return reply;
    };
    const claim = await ack<TaskView>('task:claim', {});
    const view = claim.ok ? claim.data : null;
    expect(view).not.toBeNull();
    const taskId = (view as TaskView).taskId;
    await ack('task:resume', { taskId });
    await ack('astra:suggest', { taskId });
    await ack('task:heartbeat', { taskId });
    const aliceReply = nextEvent(socket, 'dialogue:act');
    await ack('dialogue:act', {
      taskId,
      seq: 1,
      act: { type: 'propose', allocation: view?.counts },
    });
    await aliceReply;
    await ack('dialogue:act', { taskId, seq: 2, act: { type: 'end' } });
    const ended = nextEvent(socket, 'task:ended');
    await ack('dialogue:select', { taskId, allocation: null });
    await ended;

    expect(acks).toEqual([
      { event: 'task:claim', ok: true },
      { event: 'task:resume', ok: true },
      { event: 'astra:suggest', ok: true },
      { event: 'task:heartbeat', ok: true },
      { event: 'dialogue:act', ok: true },
      { event: 'dialogue:act', ok: true },
      { event: 'dialogue:select', ok: true },
    ]);
    // Every property that names utilities holds Bob's, and no payload names Alice's anywhere.
    const utilityValues: unknown[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (/utilit/i.test(key)) {
            utilityValues.push(child);
          }
          walk(child);
        }
      }
    };
    walk(received);
    expect(utilityValues.length).toBeGreaterThan(0);
    // Bob's own utilities appear (the task view); ASTRA's explanation carries its *estimate* of
    // the partner's preferences from the offers seen (ipp.utilities). Alice's true vector: never.
    expect(utilityValues).toContainEqual(bobUtilities);
    expect(utilityValues).not.toContainEqual(aliceUtilities);
    expect(JSON.stringify(received)).not.toContain(`"utilities":${JSON.stringify(aliceUtilities)}`);
    expect(JSON.stringify(received)).not.toMatch(/alice[A-Za-z]*utilit/i);
    expect(aliceUtilities).not.toEqual(bobUtilities);
  });
});
