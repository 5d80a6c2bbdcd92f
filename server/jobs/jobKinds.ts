import type { JobRegistry } from './jobRegistry';

/**
 * Every job kind Parley's worker processes run, with its payload schema and retry and lease
 * settings. A kind is added here together with its handler in workers/jobHandlers.ts: the
 * types demand the handler, and a worker refuses to start without one.
 */
export const jobKinds = {} satisfies JobRegistry;

export type ParleyJobKinds = typeof jobKinds;
