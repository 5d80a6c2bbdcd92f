import type { z } from 'zod';

/** What every job kind declares: its payload schema and its retry and lease settings. */
export interface JobKindSpec<Payload = unknown> {
  payload: z.ZodType<Payload>;
  /** Leases (including takeovers after a crash) before the job is marked failed. */
  maxAttempts: number;
  /** A lease lasts this long; the runner renews it at a third of it while the handler runs. */
  leaseMs: number;
  /** The first retry waits this long, each later one twice as long as the one before. */
  backoffMs: number;
}

export type JobRegistry = Record<string, JobKindSpec>;

export type PayloadOf<R extends JobRegistry, K extends keyof R> = z.infer<R[K]['payload']>;

/**
 * What a handler ends with: done (with a result), retry later, failed for good, or snooze: the
 * attempt succeeded but the job should run again after `runAfterMs` (a periodic check), with its
 * attempts reset so that snoozing never exhausts them.
 */
export type JobOutcome =
  | { status: 'done'; result?: unknown }
  | { status: 'snooze'; runAfterMs: number; result?: unknown }
  | { status: 'retry'; error: string }
  | { status: 'failed'; error: string };

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Aborted when the lease is lost (taken over) or the worker stops. */
  signal: AbortSignal;
}

export type JobHandler<Payload> = (payload: Payload, context: JobContext) => Promise<JobOutcome>;

export type JobHandlers<R extends JobRegistry> = {
  [K in keyof R]: JobHandler<PayloadOf<R, K>>;
};

/**
 * Kinds without a handler. A worker refuses to start when this is not empty (the types already
 * demand every handler; this catches handler tables assembled at run time).
 */
export function missingHandlers(registry: JobRegistry, handlers: object): string[] {
  return Object.keys(registry).filter(
    (kind) => typeof (handlers as Record<string, unknown>)[kind] !== 'function',
  );
}

export function assertEveryKindHandled(registry: JobRegistry, handlers: object): void {
  const missing = missingHandlers(registry, handlers);
  if (missing.length > 0) {
    throw new Error(
      `No handler for job kind(s): ${missing.join(', ')}; the worker will not start.`,
    );
  }
}
