import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { taskModel } from '../../platform/tasks/taskModel';
import type { Act } from '../../shared/dialogue/acts';
import type { TaskView } from '../../shared/protocol/annotation';
import {
  signedInWorkerSocket,
  nextEvent,
  request,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * The lazy annotation of the field report: "End negotiation → No deal" on every task, one act
 * in ~5 s — slow enough for `too_fast`, so it was auto-accepted until `no_attempt` existed.
 */
let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  // No time threshold: these scripted workers act at once, and the flag under test is another.
  platform = await startTestPlatform('quality_no_attempt', { minMsPerAct: 0 });
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

/** A new worker claims the one open task and says `acts` as Bob (each after Alice's reply). */
async function annotateWith(acts: ((view: TaskView) => Act)[]): Promise<Annotation> {
  await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
  const { socket, userId } = await signedInWorkerSocket(
    platform.db.connection,
    platform.server.url,
    sockets,
  );
  const claim = await request<TaskView>(socket, 'task:claim', {});
  if (!claim.ok) {
    throw new Error(JSON.stringify(claim));
  }
  const view = claim.data;
  for (const [i, actOf] of acts.entries()) {
    // Alice answers every act but the last (`end`): wait for her before acting again.
    const replied = i < acts.length - 1 ? nextEvent(socket, 'dialogue:act', 60_000) : null;
    const ack = await request(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: i + 1,
      act: actOf(view),
    });
    expect(ack).toMatchObject({ ok: true });
    await replied;
  }
  const ended = await request(socket, 'dialogue:select', { taskId: view.taskId, allocation: null });
  expect(ended).toEqual({ ok: true, data: { ended: true } });
  return (await annotationModel(platform.db.connection)
    .findOne({ taskId: view.taskId, workerId: userId })
    .lean<Annotation>()
    .exec()) as Annotation;
}

describe('the no_attempt quality flag', () => {
  it('flags "End negotiation → No deal" at once, so it is not auto-accepted', async () => {
    const lazy = await annotateWith([() => ({ type: 'end' })]);
    expect(lazy.outcome).toMatchObject({ agreed: false });
    expect(lazy.flags).toEqual([
      { code: 'no_attempt', detail: 'no deal, and the worker made 0 offers (fewer than 1)' },
    ]);
    expect(lazy.review).toMatchObject({ status: 'pending', decidedBy: null });
  });

  it('does not flag a real attempt that ended without a deal, which is auto-accepted', async () => {
    const attempt = await annotateWith([
      (view) => ({ type: 'propose', allocation: [...view.counts] }),
      (view) => ({ type: 'propose', allocation: view.counts.map((c) => Math.ceil(c / 2)) }),
      () => ({ type: 'end' }),
    ]);
    expect(attempt.turns).toHaveLength(5);
    expect(attempt.outcome).toMatchObject({ agreed: false });
    expect(attempt.flags).toEqual([]);
    expect(attempt.review).toMatchObject({ status: 'accepted', decidedBy: 'auto' });
  });
});
