import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { jobModel } from '../../platform/jobs/jobModel';
import type { JobContext } from '../../platform/jobs/jobRegistry';
import { createLogger } from '../../platform/logger';
import { roundModel } from '../../platform/rounds/roundModel';
import { taskModel } from '../../platform/tasks/taskModel';
import { annotatingStage } from '../../pipeline/annotatingStage';
import { defaultPipelineSettings } from '../../pipeline/pipelineSettings';
import { roundInStage, roundWorkDeps, type RoundWorkDeps } from '../../pipeline/roundWork';
import type { RoundStatus } from '../../shared/protocol/rounds';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { storeRound } from '../support/storedRound';
import { createTestTasks } from '../support/taskFactory';

/**
 * The annotating stage called directly on stored rounds, tasks and annotations (no job runner,
 * no models): when it waits, what it counts, and when it hands the round to retraining. The
 * round tests (roundPipeline.test.ts) run it inside whole rounds; these pin each condition.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: RoundWorkDeps;
const pollMs = 1_234;
const context: JobContext = { jobId: 'job', attempt: 1, signal: new AbortController().signal };

beforeAll(async () => {
  db = await openTestDatabase('annotatingStage');
  await prepareDatabase(db.connection);
  deps = roundWorkDeps(db.connection, createLogger('silent'), {
    ...defaultPipelineSettings,
    annotatingPollMs: pollMs,
  });
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await Promise.all([
    roundModel(db.connection).deleteMany({}),
    taskModel(db.connection).deleteMany({}),
    annotationModel(db.connection).deleteMany({}),
    jobModel(db.connection).deleteMany({}),
  ]);
});

interface Plan {
  humanTasks: number;
  oracleAnnotations: number;
  humanSlots: number;
}

const storeAnnotatingRound = (status: RoundStatus, plan: Plan | null) =>
  storeRound(db.connection, status, plan === null ? null : { plan });

interface AnnotationShape {
  status?: 'completed' | 'active' | 'abandoned';
  recordWritten?: boolean;
  checked?: boolean;
  review?: 'pending' | 'accepted' | 'soft-rejected' | 'rejected';
}

const finished: AnnotationShape = { recordWritten: true, checked: true, review: 'accepted' };

/**
 * A round's human tasks with these completed counts (redundancy 2 each) and, on the first task,
 * one annotation per shape (by different workers).
 */
async function storeWork(
  roundId: string,
  completedCounts: number[],
  annotations: AnnotationShape[],
): Promise<void> {
  const tasks = await createTestTasks(db.connection, completedCounts.length, {
    redundancy: 2,
    roundId,
  });
  await Promise.all(
    tasks.map((task, index) =>
      taskModel(db.connection).updateOne(
        { _id: task._id },
        { $set: { completedCount: completedCounts[index] } },
      ),
    ),
  );
  await annotationModel(db.connection).create(
    annotations.map((shape, index) => ({
      taskId: String(tasks[0]?._id),
      roundId,
      workerId: `worker-${index}`,
      leaseId: `lease-${index}`,
      status: shape.status ?? 'completed',
      startedAt: new Date(),
      recordWritten: shape.recordWritten ?? false,
      checkedAt: shape.checked === true ? new Date() : null,
      review: { status: shape.review ?? 'pending' },
    })),
  );
}

const retrainJobs = (roundId: string) =>
  jobModel(db.connection).find({ kind: 'round.retrain', 'payload.roundId': roundId }).lean();

describe('the annotating stage', () => {
  it('moves a round whose every task and annotation is finished on to retraining, once', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 2,
      oracleAnnotations: 3,
      humanSlots: 4,
    });
    await storeWork(roundId, [2, 2], [finished, finished, finished, finished]);

    const outcome = await annotatingStage(deps, roundId, context);

    expect(outcome).toEqual({ status: 'done', result: { humanDone: 4 } });
    const round = await readRound(db.connection, roundId);
    expect(round.status).toBe('retraining');
    // Human annotations counted plus the oracles' continuations of the plan.
    expect(round.progress?.annotating).toEqual({ done: 7, total: 4 });
    expect(round.progress?.retraining).toEqual({ done: 0, total: 2 });
    const jobs = await retrainJobs(roundId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.status).toBe('queued');

    // A second attempt (at-least-once jobs) finds the round gone on and does nothing.
    expect(await annotatingStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { skipped: 'round is already retraining' },
    });
    expect(await retrainJobs(roundId)).toHaveLength(1);
  });

  it('snoozes while a task has fewer completed annotations than its redundancy', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 2,
      oracleAnnotations: 3,
      humanSlots: 4,
    });
    await storeWork(roundId, [2, 1], [finished, finished, finished]);

    const outcome = await annotatingStage(deps, roundId, context);

    expect(outcome).toEqual({
      status: 'snooze',
      runAfterMs: pollMs,
      result: { waiting: true, humanDone: 3, awaitingReview: 0 },
    });
    const round = await readRound(db.connection, roundId);
    expect(round.status).toBe('annotating');
    expect(round.progress?.annotating.done).toBe(6);
    expect(await retrainJobs(roundId)).toHaveLength(0);
  });

  it('counts a task at most its redundancy, however many completed it', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 2,
      oracleAnnotations: 0,
      humanSlots: 4,
    });
    await storeWork(roundId, [3, 1], [finished]);

    const outcome = await annotatingStage(deps, roundId, context);

    expect(outcome).toMatchObject({ status: 'snooze', result: { humanDone: 3 } });
    expect((await readRound(db.connection, roundId)).progress?.annotating.done).toBe(3);
  });

  it('snoozes while fewer tasks exist than the plan made', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 3,
      oracleAnnotations: 0,
      humanSlots: 6,
    });
    await storeWork(roundId, [2, 2], [finished]);

    expect(await annotatingStage(deps, roundId, context)).toMatchObject({
      status: 'snooze',
      result: { waiting: true, humanDone: 4, awaitingReview: 0 },
    });
    expect((await readRound(db.connection, roundId)).status).toBe('annotating');
  });

  it('snoozes while a completed annotation’s dialogue record is not yet written', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 1,
      oracleAnnotations: 0,
      humanSlots: 2,
    });
    await storeWork(roundId, [2], [finished, { ...finished, recordWritten: false }]);

    expect(await annotatingStage(deps, roundId, context)).toMatchObject({
      status: 'snooze',
      result: { awaitingReview: 0 },
    });
    expect((await readRound(db.connection, roundId)).status).toBe('annotating');
  });

  it('waits for an annotation’s quality checks and for a reviewer’s pending decision', async () => {
    for (const waiting of [
      { ...finished, checked: false },
      { ...finished, review: 'pending' as const },
    ]) {
      await roundModel(db.connection).deleteMany({});
      const roundId = await storeAnnotatingRound('annotating', {
        humanTasks: 1,
        oracleAnnotations: 0,
        humanSlots: 2,
      });
      await storeWork(roundId, [2], [finished, waiting]);

      expect(await annotatingStage(deps, roundId, context)).toEqual({
        status: 'snooze',
        runAfterMs: pollMs,
        result: { waiting: true, humanDone: 2, awaitingReview: 1 },
      });
      expect((await readRound(db.connection, roundId)).status).toBe('annotating');
    }
  });

  it('goes on past annotations a reviewer decided, rejected ones included', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 1,
      oracleAnnotations: 0,
      humanSlots: 2,
    });
    await storeWork(
      roundId,
      [2],
      [
        { ...finished, review: 'rejected' },
        { ...finished, review: 'soft-rejected' },
      ],
    );

    expect(await annotatingStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { humanDone: 2 },
    });
  });

  it('looks only at completed annotations of its own round', async () => {
    const roundId = await storeAnnotatingRound('annotating', {
      humanTasks: 1,
      oracleAnnotations: 0,
      humanSlots: 2,
    });
    // An annotation still in progress (an extra worker on a full task) and another round's
    // unfinished work do not hold this round back.
    await storeWork(roundId, [2], [finished, finished, { status: 'active' }]);
    const other = await storeAnnotatingRound('annotating', {
      humanTasks: 1,
      oracleAnnotations: 0,
      humanSlots: 2,
    });
    await storeWork(other, [0], [{ review: 'pending' }]);

    expect(await annotatingStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { humanDone: 2 },
    });
    expect(await annotatingStage(deps, other, context)).toMatchObject({
      status: 'snooze',
      result: { humanDone: 0, awaitingReview: 1 },
    });
  });

  it('with no plan recorded, a round without human tasks goes on at once', async () => {
    const roundId = await storeAnnotatingRound('annotating', null);

    expect(await annotatingStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { humanDone: 0 },
    });
    const round = await readRound(db.connection, roundId);
    expect(round.status).toBe('retraining');
    expect(round.progress?.annotating.done).toBe(0);
  });
});

describe('a stage job meeting its round elsewhere', () => {
  it('stops on a paused, cancelled or failed round, retries on an earlier stage, skips a later one', async () => {
    const cases: [RoundStatus, unknown][] = [
      ['paused', { status: 'done', result: { stopped: 'paused' } }],
      ['cancelled', { status: 'done', result: { stopped: 'cancelled' } }],
      ['failed', { status: 'done', result: { stopped: 'failed' } }],
      ['self-play', { status: 'retry', error: 'round is still self-play' }],
      ['ranking', { status: 'retry', error: 'round is still ranking' }],
      ['retraining', { status: 'done', result: { skipped: 'round is already retraining' } }],
      ['evaluated', { status: 'done', result: { skipped: 'round is already evaluated' } }],
    ];
    for (const [status, expected] of cases) {
      const roundId = await storeAnnotatingRound(status, {
        humanTasks: 0,
        oracleAnnotations: 0,
        humanSlots: 0,
      });
      expect(await roundInStage(deps, roundId, 'annotating'), status).toEqual({
        outcome: expected,
      });
      // Nothing written, nothing enqueued.
      expect(await annotatingStage(deps, roundId, context), status).toEqual(expected);
      const round = await readRound(db.connection, roundId);
      expect(round.status, status).toBe(status);
      expect(round.progress?.annotating.done, status).toBe(0);
      expect(await retrainJobs(roundId), status).toHaveLength(0);
    }
    expect(cases).toHaveLength(7);
  });

  it('fails for a round that does not exist, naming it', async () => {
    const missing = new Types.ObjectId().toHexString();
    expect(await annotatingStage(deps, missing, context)).toEqual({
      status: 'failed',
      error: `no round ${missing}`,
    });
  });
});
