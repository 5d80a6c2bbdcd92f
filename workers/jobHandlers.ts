import type { Connection } from 'mongoose';
import type { ParleyJobKinds } from '../server/jobs/jobKinds';
import type { JobHandlers } from '../server/jobs/jobRegistry';
import type { Logger } from '../server/logger';

export interface JobHandlerDeps {
  connection: Connection;
  log: Logger;
}

/** The handler of every job kind in server/jobs/jobKinds.ts. */
export function workerJobHandlers(_deps: JobHandlerDeps): JobHandlers<ParleyJobKinds> {
  return {};
}
