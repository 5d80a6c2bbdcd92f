import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { complement } from '../../shared/domain/allocation';
import { dialogueRecordSchema } from '../../shared/corpus/dialogueRecord';
import type { ActAckData, TaskView } from '../../shared/protocol/annotation';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import {
  type AnnotateClient,
  claimed,
  connectAnnotate,
  nextEvent,
  request,
} from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('annotation');
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
  await annotationModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

async function workerSocket(): Promise<{ socket: AnnotateClient; userId: string; cookie: string }> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  sockets.push(socket);
  return { socket, userId: user.id, cookie: http.cookie as string };
}

const annotationOf = (taskId: string) =>
  annotationModel(platform.db.connection).findOne({ taskId }).lean<Annotation>();

describe('live annotation over /annotate', () => {
  it('claim → act → Alice replies → select → ended, stored as an annotation record', async () => {
    const [task] = await createTestTasks(platform.db.connection, 1);
    const { socket, userId } = await workerSocket();
    const view = await claimed(socket);
    const stored = task as Task;

    // Only Bob's utilities; nothing of Alice's context in the view.
    expect(view.utilities).toEqual(stored.bobUtilities);
    expect(Object.keys(view).sort()).toEqual(
      [
        'aliceAgent',
        'counts',
        'domain',
        'history',
        'leaseExpiresAt',
        'maxTurns',
        'nextSpeaker',
        'phase',
        'takeoverAt',
        'taskId',
        'turn',
        'utilities',
      ].sort(),
    );
    expect(view.aliceAgent).toEqual({
      kind: 'scripted',
      name: 'boulware',
      label: 'Scripted negotiator (boulware)',
    });
    expect(view.history).toHaveLength(stored.prefix.length);
    expect(view).toMatchObject({
      phase: 'negotiating',
      nextSpeaker: 'bob',
      turn: stored.prefix.length,
    });
    const aliceOffer = view.history.at(-1)?.act;
    expect(aliceOffer?.type).toBe('propose');

    // Bob agrees; the ack comes after the act is stored, Alice's reply after the ack.
    const order: string[] = [];
    const aliceReply = nextEvent(socket, 'dialogue:act').then(async (event) => {
      order.push('alice');
      const atEmit = await annotationOf(view.taskId);
      expect(atEmit?.turns.map((t) => t.speaker)).toEqual([1, 0]);
      return event;
    });
    const ack = await request<ActAckData>(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: 1,
      act: { type: 'agree' },
    });
    order.push('ack');
    expect(ack).toEqual({ ok: true, data: { seq: 1, turn: view.turn, duplicate: false } });
    const reply = await aliceReply;
    expect(order).toEqual(['ack', 'alice']);
    expect(reply).toEqual({
      taskId: view.taskId,
      speaker: 'alice',
      act: { type: 'end' },
      turn: view.turn + 1,
    });

    const resumed = await request<TaskView>(socket, 'task:resume', { taskId: view.taskId });
    expect(resumed.ok && resumed.data.phase).toBe('selecting');

    const allocation = aliceOffer?.type === 'propose' ? aliceOffer.allocation : [];
    const bobShare = complement(view.counts, allocation);
    const ended = nextEvent(socket, 'task:ended');
    expect(
      await request(socket, 'dialogue:select', { taskId: view.taskId, allocation: bobShare }),
    ).toEqual({ ok: true, data: { ended: true } });
    const event = await ended;
    expect(event.outcome).toMatchObject({ agreed: true, bobShare });
    expect(event.scores.bob).toBe(
      bobShare.reduce((s, n, i) => s + n * (view.utilities[i] ?? 0), 0),
    );

    const annotation = await annotationOf(view.taskId);
    expect(annotation).toMatchObject({
      status: 'completed',
      recordWritten: true,
      bobSelection: bobShare,
    });
    const taskAfter = await taskModel(platform.db.connection).findById(view.taskId).lean<Task>();
    expect(taskAfter?.completedCount).toBe(1);
    const records = await dialogueModel(platform.db.connection)
      .find({ taskId: view.taskId })
      .lean();
    expect(records).toHaveLength(1);
    const record = dialogueRecordSchema.parse(records[0]?.record);
    expect(record.source).toBe('annotation');
    expect(record.turns).toHaveLength(stored.prefix.length + 2);
    expect(record.outcome.agreed).toBe(true);
    expect(record.provenance).toMatchObject({
      taskId: view.taskId,
      annotator: userId,
      parentId: stored.source.dialogueId,
      cutAt: stored.source.cutAt,
      models: { alice: 'test:alice', bob: 'test:bob' },
      alice: { kind: 'scripted', name: 'boulware' },
    });
    // Once completed, the lease is over.
    const late = await request(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: 2,
      act: { type: 'end' },
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'lease_expired' } });
  });

  it('acts once per seq: a resent seq is acknowledged as a duplicate, a reused one refused', async () => {
    await createTestTasks(platform.db.connection, 1, { alice: { kind: 'astra', name: 'astra' } });
    const { socket } = await workerSocket();
    const view = await claimed(socket);
    expect(view.aliceAgent.kind).toBe('astra');
    const act = { taskId: view.taskId, seq: 7, act: { type: 'propose', allocation: view.counts } };
    const aliceAnswered = nextEvent(socket, 'dialogue:act');
    const acks = await Promise.all([
      request(socket, 'dialogue:act', act),
      request(socket, 'dialogue:act', act),
    ]);
    expect(acks.map((a) => a.ok)).toEqual([true, true]);
    expect(acks.map((a) => a.ok && (a.data as ActAckData).duplicate).sort()).toEqual([false, true]);
    const again = await request<ActAckData>(socket, 'dialogue:act', {
      ...act,
      act: { allocation: view.counts, type: 'propose' },
    });
    expect(again).toEqual({ ok: true, data: { seq: 7, turn: view.turn, duplicate: true } });
    const reused = await request(socket, 'dialogue:act', { ...act, act: { type: 'end' } });
    expect(reused).toMatchObject({ ok: false, error: { code: 'seq_reused' } });
    // Alice has answered the one stored act: nothing of the resends is still on its way.
    await aliceAnswered;
    const annotation = await annotationOf(view.taskId);
    expect(annotation?.turns.filter((t) => t.speaker === 1)).toHaveLength(1);
    expect(annotation?.bobSeqs).toEqual([7]);
  });

  it('refuses moves the rules forbid, with the rule code, and stores nothing', async () => {
    await createTestTasks(platform.db.connection, 1);
    const { socket } = await workerSocket();
    const view = await claimed(socket);
    const bad = [
      [{ type: 'propose', allocation: view.counts.map((c) => c + 1) }, 'invalid_allocation'],
      [{ type: 'walkaway' }, 'unsupported_act'],
      [{ type: 'insist', allocation: [0, 0, 0] }, 'insist_without_proposal'],
    ] as const;
    for (const [act, code] of bad) {
      const ack = await request(socket, 'dialogue:act', { taskId: view.taskId, seq: 1, act });
      expect(ack, code).toMatchObject({ ok: false, error: { code } });
    }
    const select = await request(socket, 'dialogue:select', {
      taskId: view.taskId,
      allocation: null,
    });
    expect(select).toMatchObject({ ok: false, error: { code: 'selection_not_open' } });
    expect((await annotationOf(view.taskId))?.turns).toEqual([]);
  });

  it('answers malformed payloads with an error ack, writes nothing and stays up', async () => {
    await createTestTasks(platform.db.connection, 1);
    const { socket } = await workerSocket();
    const view = await claimed(socket);
    const taskId = view.taskId;
    const before = JSON.stringify(await taskModel(platform.db.connection).find().lean());
    const cases: [Parameters<typeof request>[1], unknown][] = [
      ['dialogue:act', { taskId: { $gt: '' }, seq: 1, act: { type: 'agree' } }],
      ['dialogue:act', { taskId, seq: '1', act: { type: 'agree' } }],
      ['dialogue:act', { taskId, seq: 1, act: { type: 'agree' }, admin: true }],
      ['dialogue:act', { taskId, seq: 1, act: { type: 'agree', $where: 'sleep(1000)' } }],
      [
        'dialogue:act',
        { taskId, seq: 1, act: { type: 'propose', allocation: Array(5000).fill(1) } },
      ],
      ['dialogue:act', { taskId, seq: 1, act: 'x'.repeat(50_000) }],
      ['dialogue:act', null],
      ['dialogue:act', [taskId, 1]],
      ['dialogue:select', { taskId, allocation: { $ne: null } }],
      ['task:heartbeat', { taskId: { $ne: '' } }],
      ['task:resume', {}],
      ['task:abandon', { taskId: 42 }],
      ['astra:suggest', 'nope'],
      ['task:claim', { roundId: { $gt: '' } }],
    ];
    for (const [event, payload] of cases) {
      const ack = await request(socket, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    }
    // An event without an ack callback is handled without crashing anything.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('dialogue:act', {
      bogus: true,
    });
    expect((await annotationOf(taskId))?.turns).toEqual([]);
    expect(JSON.stringify(await taskModel(platform.db.connection).find().lean())).toBe(before);
    const heartbeat = await request(socket, 'task:heartbeat', { taskId });
    expect(heartbeat.ok).toBe(true);
  });

  it('refuses sockets without a session, with a bad token, or from another site', async () => {
    for (const auth of [{}, { cookie: 'parley.sid=s%3Aforged.sig' }, { token: 'prl_forged' }]) {
      const error = await connectAnnotate(platform.server.url, auth).then(
        () => null,
        (e: Error & { data?: { code: string } }) => e,
      );
      expect(error?.data?.code, JSON.stringify(auth)).toBe('unauthorized');
    }
    const { cookie } = await workerSocket();
    const foreign = await connectAnnotate(platform.server.url, {
      cookie,
      origin: 'https://evil.example',
    }).then(
      () => 'connected',
      () => 'refused',
    );
    expect(foreign).toBe('refused');
  });

  it("never lets a worker see or touch another worker's task", async () => {
    await createTestTasks(platform.db.connection, 2, { redundancy: 1 });
    const owner = await workerSocket();
    const other = await workerSocket();
    const view = await claimed(owner.socket);
    const otherView = await claimed(other.socket);
    expect(otherView.taskId).not.toBe(view.taskId);
    const taskId = view.taskId;
    for (const [event, payload] of [
      ['task:resume', { taskId }],
      ['task:heartbeat', { taskId }],
      ['task:abandon', { taskId }],
      ['astra:suggest', { taskId }],
      ['dialogue:act', { taskId, seq: 1, act: { type: 'agree' } }],
      ['dialogue:select', { taskId, allocation: null }],
    ] as const) {
      const ack = await request(other.socket, event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect((await annotationOf(taskId))?.turns).toEqual([]);
    const task = await taskModel(platform.db.connection).findById(taskId).lean<Task>();
    expect(task?.leases.map((l) => [l.workerId, l.status])).toEqual([[owner.userId, 'active']]);
  });

  it('suggests an act with its explanation and records whether the worker followed it', async () => {
    await createTestTasks(platform.db.connection, 1);
    const { socket } = await workerSocket();
    const view = await claimed(socket);
    const ack = await request<{
      act: { type: string };
      summary: string;
      explanation: { summary: string };
    }>(socket, 'astra:suggest', { taskId: view.taskId });
    if (!ack.ok) {
      throw new Error(JSON.stringify(ack));
    }
    expect(ack.data.summary.length).toBeGreaterThan(20);
    expect(ack.data.explanation.summary).toBe(ack.data.summary);
    const sent = await request(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: 1,
      act: ack.data.act,
    });
    expect(sent.ok).toBe(true);
    const annotation = await annotationOf(view.taskId);
    expect(annotation?.turns[0]?.suggested).toEqual(ack.data.act);
    expect(annotation?.suggestions).toHaveLength(1);
  });

  it('resumes after a reconnect with the full state, and abandoning frees the task', async () => {
    await createTestTasks(platform.db.connection, 1);
    const first = await workerSocket();
    const view = await claimed(first.socket);
    const reply = nextEvent(first.socket, 'dialogue:act');
    await request(first.socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: 1,
      act: { type: 'disagree' },
    });
    await reply;
    first.socket.close();

    const again = await connectAnnotate(platform.server.url, { cookie: first.cookie });
    sockets.push(again);
    const resumed = await claimed(again);
    expect(resumed.taskId).toBe(view.taskId);
    expect(resumed.history).toHaveLength(view.history.length + 2);
    expect(resumed.history.at(-2)).toEqual({ speaker: 'bob', act: { type: 'disagree' } });
    expect(resumed.history.at(-1)?.speaker).toBe('alice');

    expect(await request(again, 'task:abandon', { taskId: view.taskId })).toEqual({
      ok: true,
      data: null,
    });
    expect((await annotationOf(view.taskId))?.status).toBe('abandoned');
    expect(await request(again, 'task:claim', {})).toEqual({ ok: true, data: null });
    const newcomer = await workerSocket();
    expect((await claimed(newcomer.socket)).taskId).toBe(view.taskId);
  });
});

describe('lease expiry during annotation', () => {
  it('tells the worker, keeps the partial annotation as expired and refuses further acts', async () => {
    const quick = await startTestPlatform('annotation_expiry', {
      leaseMs: 1_000,
      maintenanceIntervalMs: 200,
    });
    try {
      await createTestTasks(quick.db.connection, 1);
      const user = await createTestUser(quick.db.connection, ['worker']);
      const http = new HttpClient(quick.server.url);
      await http.login(user.username, user.password);
      const socket = await connectAnnotate(quick.server.url, { cookie: http.cookie });
      sockets.push(socket);
      const view = await claimed(socket);
      await request(socket, 'dialogue:act', {
        taskId: view.taskId,
        seq: 1,
        act: { type: 'disagree' },
      });
      const expired = await nextEvent(socket, 'task:expired');
      expect(expired).toEqual({ taskId: view.taskId });
      const ack = await request(socket, 'dialogue:act', {
        taskId: view.taskId,
        seq: 2,
        act: { type: 'end' },
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'lease_expired' } });
      const annotation = await annotationModel(quick.db.connection)
        .findOne({ taskId: view.taskId })
        .lean<Annotation>();
      expect(annotation?.status).toBe('expired');
      expect(annotation?.turns.length).toBeGreaterThanOrEqual(1);
      const task = await taskModel(quick.db.connection).findById(view.taskId).lean<Task>();
      expect(task?.openSlots).toBe(task?.redundancy);
    } finally {
      await quick.close();
    }
  });
});
