import type { Connection } from 'mongoose';
import { roundJobKinds } from '../../platform/jobs/jobKinds';
import { createJobQueue } from '../../platform/jobs/jobQueue';
import { createJobRunner, type JobRunner } from '../../platform/jobs/jobRunner';
import { createLogger } from '../../platform/logger';
import { roundModel, type Round } from '../../platform/rounds/roundModel';
import { pipelineJobFailures, pipelineJobHandlers } from '../../pipeline/jobHandlers';
import type { PipelineSettings } from '../../pipeline/pipelineSettings';

/** Pipeline sizes that keep a whole round to seconds. */
export const tinyPipeline: Partial<PipelineSettings> = {
  bootstrapDialogues: 80,
  expertEpochs: 1,
  initEpochs: 1,
  retrainEpochs: 1,
  evaluationContexts: 8,
  chunkSize: 4,
  annotatingPollMs: 50,
  model: { embedding: 8, context: 8, hidden: 16, selection: 16, selectionWeight: 0.5 },
};

/** A real job runner (the worker's) in the test process, for the round kinds. */
export function roundRunner(
  connection: Connection,
  owner: string,
  settings: Partial<PipelineSettings> = tinyPipeline,
): JobRunner {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  return createJobRunner({
    queue: createJobQueue(connection, roundJobKinds, pipelineJobFailures({ connection, log })),
    registry: roundJobKinds,
    handlers: pipelineJobHandlers({ connection, log, pipeline: settings }),
    owner,
    log,
  });
}

export async function readRound(connection: Connection, roundId: string): Promise<Round> {
  const round = await roundModel(connection).findById(roundId).lean<Round>().exec();
  if (round === null) {
    throw new Error(`no round ${roundId}`);
  }
  return round;
}

/** Runs due jobs one by one until the round satisfies `done` (or the time runs out). */
export async function runJobsUntil(
  runner: JobRunner,
  connection: Connection,
  roundId: string,
  done: (round: Round) => boolean,
  timeoutMs = 60_000,
): Promise<Round> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const round = await readRound(connection, roundId);
    if (done(round)) {
      return round;
    }
    if (round.status === 'failed') {
      // A failed round never moves again: say why now instead of waiting out the deadline.
      throw new Error(`round ${roundId} failed: ${JSON.stringify(round.failure)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`round ${roundId} still ${round.status} after ${timeoutMs} ms`);
    }
    if (!(await runner.runOnce())) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
