import type { Connection } from 'mongoose';
import type { ActiveStage, RoundStatus } from '../../shared/protocol/rounds';
import { jobKinds, roundJobKinds, type RoundJobKind } from '../jobs/jobKinds';
import { jobModel } from '../jobs/jobModel';
import { createJobQueue } from '../jobs/jobQueue';
import { roundModel, type Round } from './roundModel';

/** The job that does (or resumes) each stage's work. */
export const stageJob: Record<ActiveStage, RoundJobKind> = {
  'self-play': 'round.selfplay',
  ranking: 'round.rank',
  annotating: 'round.annotating',
  retraining: 'round.retrain',
};

/** The stage each job kind works in (the retraining stage has two jobs). */
export const jobStage: Record<RoundJobKind, ActiveStage> = {
  'round.selfplay': 'self-play',
  'round.rank': 'ranking',
  'round.annotating': 'annotating',
  'round.retrain': 'retraining',
  'round.evaluate': 'retraining',
};

export const isRoundJobKind = (kind: string | undefined): kind is RoundJobKind =>
  kind !== undefined && Object.hasOwn(roundJobKinds, kind);

/**
 * Enqueues `kind` for the round unless such a job is already queued or leased (`evenIfLeased`:
 * only queued — resume and retry, whose leased job may be just ending because of the pause). Two callers at
 * once may both enqueue; that is harmless, as every round handler is idempotent and each stage
 * move is a compare-and-set, but the check keeps the queue from filling with duplicates.
 */
export async function enqueueRoundJob(
  connection: Connection,
  kind: RoundJobKind,
  roundId: string,
  options: { runAfter?: Date; evenIfLeased?: boolean } = {},
): Promise<void> {
  const pending = await jobModel(connection)
    .exists({
      kind,
      'payload.roundId': roundId,
      status: { $in: options.evenIfLeased === true ? ['queued'] : ['queued', 'leased'] },
    })
    .exec();
  if (pending !== null) {
    return;
  }
  await createJobQueue(connection, jobKinds).enqueue(
    kind,
    { roundId },
    options.runAfter === undefined ? {} : { runAfter: options.runAfter },
  );
}

/**
 * Moves a round from one status to the next in one compare-and-set (with any fields that go
 * with the move). Null when the round was no longer in `from` (paused, cancelled, or another
 * attempt moved it first).
 */
export async function moveRound(
  connection: Connection,
  roundId: string,
  from: RoundStatus,
  to: RoundStatus,
  set: Record<string, unknown> = {},
): Promise<Round | null> {
  return roundModel(connection)
    .findOneAndUpdate(
      { _id: roundId, status: from },
      { $set: { ...set, status: to, updatedAt: new Date() } },
      { new: true },
    )
    .lean<Round>()
    .exec();
}

/** Writes fields of a round only while it is in `status` (progress counters, stage results). */
export async function updateRoundIn(
  connection: Connection,
  roundId: string,
  status: RoundStatus,
  set: Record<string, unknown>,
): Promise<boolean> {
  const written = await roundModel(connection).updateOne(
    { _id: roundId, status },
    { $set: { ...set, updatedAt: new Date() } },
  );
  return written.matchedCount === 1;
}
