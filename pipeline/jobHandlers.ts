import type { Connection } from 'mongoose';
import type { RoundJobKinds } from '../platform/jobs/jobKinds';
import type { JobQueueOptions } from '../platform/jobs/jobQueue';
import type { JobHandlers } from '../platform/jobs/jobRegistry';
import type { Logger } from '../platform/logger';
import { failRoundOfJob } from '../platform/rounds/roundFailure';
import type { PipelineSettings } from './pipelineSettings';
import { roundJobHandlers } from './roundHandlers';

export interface JobHandlerDeps {
  connection: Connection;
  log: Logger;
  /** Sizes of the round pipeline's bootstrap, retraining and evaluation (tests shrink them). */
  pipeline?: Partial<PipelineSettings>;
}

/** The handler of every round job kind in platform/jobs/jobKinds.ts. */
export function pipelineJobHandlers(deps: JobHandlerDeps): JobHandlers<RoundJobKinds> {
  return { ...roundJobHandlers(deps.connection, deps.log, deps.pipeline) };
}

/** What the workers' queue does when a job fails for good: a round job fails its round. */
export function pipelineJobFailures(deps: JobHandlerDeps): JobQueueOptions {
  return { onFailed: (job, error) => failRoundOfJob(deps.connection, deps.log, job, error) };
}
