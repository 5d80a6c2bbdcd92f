import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config';
import { connectDatabase } from '../platform/database/connection';
import { prepareDatabase } from '../platform/database/prepareModels';
import { createJobQueue } from '../platform/jobs/jobQueue';
import {
  jobKinds as kindsAsDeclared,
  withLease,
  type ParleyJobKinds,
} from '../platform/jobs/jobKinds';
import { assertEveryKindHandled, type JobHandlers } from '../platform/jobs/jobRegistry';
import { createJobRunner } from '../platform/jobs/jobRunner';
import { createLogger } from '../platform/logger';
import {
  heartbeatIntervalMs,
  recordHeartbeat,
  removePresence,
} from '../platform/jobs/runnerPresence';

import { pipelineJobFailures, type JobHandlerDeps } from './jobHandlers';

/**
 * A worker process: connects to MongoDB (MONGODB_URI, set by `parley start`), announces itself
 * with heartbeats, and leases and runs jobs (platform/jobs) until it is stopped. It refuses to
 * start when a job kind has no handler. The handlers are given (`handlersFor`): the round
 * pipeline's are here, the experiments' in experiments/, and cli/platform/runnerMain.ts, which
 * may import both rooms, puts them together.
 */
export async function runPipelineRunner(
  handlersFor: (deps: JobHandlerDeps) => JobHandlers<ParleyJobKinds>,
): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'worker', process.stdout, config.logFormat);
  if (config.mongodbUri === undefined) {
    log.fatal('MONGODB_URI is not set; workers are started by `parley start` or need MONGODB_URI.');
    process.exit(2);
  }

  const jobKinds = withLease(kindsAsDeclared, config.jobLeaseMs);
  const connection = await connectDatabase({ uri: config.mongodbUri, dbName: config.dbName, log });
  const handlers = handlersFor({ connection, log });
  try {
    assertEveryKindHandled(jobKinds, handlers);
  } catch (error) {
    log.fatal({ err: error }, 'refusing to start');
    process.exit(2);
  }
  await prepareDatabase(connection);
  const worker = {
    id: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    host: os.hostname(),
    pid: process.pid,
    startedAt: new Date(),
  };
  await recordHeartbeat(connection, worker);
  const jobs = createJobRunner({
    queue: createJobQueue(connection, jobKinds, pipelineJobFailures({ connection, log })),
    registry: jobKinds,
    handlers,
    owner: worker.id,
    log: log.child({ component: 'jobs' }),
  });
  jobs.start();
  log.info({ workerId: worker.id, jobKinds: Object.keys(jobKinds) }, 'worker ready');

  const heartbeat = setInterval(() => {
    recordHeartbeat(connection, worker).catch((error: unknown) =>
      log.warn({ err: error }, 'heartbeat failed; will retry'),
    );
  }, heartbeatIntervalMs);

  let stopping = false;
  async function stop(reason: string): Promise<void> {
    if (stopping) {
      return;
    }
    stopping = true;
    clearInterval(heartbeat);
    log.info({ reason }, 'worker stopping');
    // The running job's signal is aborted; an unfinished job is retried by another worker.
    await jobs.stop();
    await removePresence(connection, worker.id).catch((error: unknown) =>
      log.warn({ err: error }, 'could not remove presence'),
    );
    await connection.close();
    process.exit(0);
  }

  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Started with an IPC channel by `parley start`: when the parent goes, so do we.
  process.once('disconnect', () => void stop('parent exited'));
}
