import type { Connection } from 'mongoose';
import type { Job } from '../jobs/jobModel';
import type { Logger } from '../logger';
import { roundModel } from './roundModel';
import { isRoundJobKind, jobStage } from './roundPipeline';

/**
 * A round job that failed for good (the queue's `onFailed`) fails its round, with the job's
 * error as the reason, so the researcher sees it and can retry the stage — instead of a round
 * that says `self-play` forever. A compare-and-set on the job's stage: a round that was paused,
 * cancelled or had moved on meanwhile is left as it is.
 */
export async function failRoundOfJob(
  connection: Connection,
  log: Logger,
  job: Pick<Job, 'kind' | 'payload'>,
  reason: string,
): Promise<void> {
  const roundId = (job.payload as { roundId?: unknown } | null)?.roundId;
  if (!isRoundJobKind(job.kind) || typeof roundId !== 'string') {
    return;
  }
  const stage = jobStage[job.kind];
  const now = new Date();
  const failed = await roundModel(connection).updateOne(
    { _id: roundId, status: stage },
    {
      $set: {
        status: 'failed',
        failure: { stage, job: job.kind, reason, at: now },
        activity: null,
        updatedAt: now,
      },
    },
  );
  if (failed.modifiedCount === 1) {
    log.warn({ roundId, stage, kind: job.kind, reason }, 'round failed');
  }
}
