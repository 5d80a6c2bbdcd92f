import { setTimeout as delay } from 'node:timers/promises';
import { RecordIdTakenError } from '../errors';
import type { Logger } from '../logger';
import type { Job } from './jobModel';
import type { JobQueue } from './jobQueue';
import {
  assertEveryKindHandled,
  type JobHandler,
  type JobHandlers,
  type JobOutcome,
  type JobRegistry,
} from './jobRegistry';

export interface JobRunnerOptions<R extends JobRegistry> {
  queue: JobQueue<R>;
  registry: R;
  handlers: JobHandlers<R>;
  /** This worker's id: the lease owner. */
  owner: string;
  log: Logger;
  /** Wait between polls when the queue is empty. */
  pollMs?: number;
  /** The time leases, back-offs and snoozes are reckoned in (tests step it by hand). */
  clock?: () => Date;
  /** Waits `ms` between polls, or less if `signal` aborts (tests decide when a wait ends). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) {
      throw error;
    }
  });
}

/**
 * Leases jobs and runs their handlers one at a time, renewing the lease at a third of its
 * length while a handler runs. A lost lease (another worker took over after ours expired)
 * aborts the handler's signal, and its outcome is dropped: the compare-and-set on the owner
 * refuses it anyway. Refuses to be built when a kind has no handler.
 */
export function createJobRunner<R extends JobRegistry>(options: JobRunnerOptions<R>) {
  assertEveryKindHandled(options.registry, options.handlers);
  const { queue, registry, owner, log } = options;
  const clock = options.clock ?? (() => new Date());
  const wait = options.wait ?? abortableWait;
  const kinds = Object.keys(registry);
  const initialLeaseMs = Math.max(...kinds.map((kind) => registry[kind]?.leaseMs ?? 0), 1_000);
  const stopping = new AbortController();
  let loop: Promise<void> | null = null;

  /** Leases and runs one job; false when none was due. */
  async function runOnce(): Promise<boolean> {
    if (kinds.length === 0) {
      return false;
    }
    const job = await queue.leaseNext(kinds, owner, initialLeaseMs, clock());
    if (job === null) {
      return false;
    }
    await run(job);
    return true;
  }

  async function run(job: Job): Promise<void> {
    const jobId = job._id.toHexString();
    const spec = registry[job.kind];
    const handler = (options.handlers as Record<string, JobHandler<unknown>>)[job.kind];
    if (spec === undefined || handler === undefined) {
      await queue.fail(jobId, owner, `no handler for ${job.kind}`, {
        permanent: true,
        now: clock(),
      });
      return;
    }
    const parsed = spec.payload.safeParse(job.payload);
    if (!parsed.success) {
      await queue.fail(jobId, owner, `invalid payload: ${parsed.error.message}`, {
        permanent: true,
        now: clock(),
      });
      return;
    }
    const lost = new AbortController();
    const signal = AbortSignal.any([lost.signal, stopping.signal]);
    const renewal = setInterval(() => {
      queue
        .renew(jobId, owner, spec.leaseMs, clock())
        .then((held) => (held ? undefined : lost.abort(new Error('lease lost'))))
        .catch((error: unknown) => log.warn({ err: error, jobId }, 'lease renewal failed'));
    }, spec.leaseMs / 3);
    let outcome: JobOutcome;
    try {
      outcome = await handler(parsed.data, { jobId, attempt: job.attempts, signal });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A taken record id stays taken: fail now, with the reason, rather than retry.
      outcome =
        error instanceof RecordIdTakenError
          ? { status: 'failed', error: reason }
          : { status: 'retry', error: reason };
    } finally {
      clearInterval(renewal);
    }
    if (lost.signal.aborted) {
      log.warn({ jobId, kind: job.kind }, 'lease lost while running; outcome dropped');
      return;
    }
    const now = clock();
    const recorded =
      outcome.status === 'done'
        ? await queue.complete(jobId, owner, outcome.result, now)
        : outcome.status === 'snooze'
          ? await queue.snooze(
              jobId,
              owner,
              new Date(now.getTime() + outcome.runAfterMs),
              outcome.result,
              now,
            )
          : await queue.fail(jobId, owner, outcome.error, {
              permanent: outcome.status === 'failed',
              now,
            });
    // The reason goes into the log line too: a failing job is otherwise only in its record.
    const error = outcome.status === 'retry' || outcome.status === 'failed' ? outcome.error : null;
    log.info({ jobId, kind: job.kind, status: outcome.status, error, recorded }, 'job ran');
  }

  /** Polls until `stop()`; a failing poll (database away) is logged and retried. */
  function start(): void {
    const pollMs = options.pollMs ?? 1_000;
    loop ??= (async () => {
      while (!stopping.signal.aborted) {
        const ran = await runOnce().catch((error: unknown) => {
          log.warn({ err: error }, 'job poll failed; will retry');
          return false;
        });
        if (!ran && !stopping.signal.aborted) {
          await wait(pollMs, stopping.signal);
        }
      }
    })();
  }

  /** Aborts the running handler's signal and waits for the loop to end. */
  async function stop(): Promise<void> {
    stopping.abort(new Error('worker stopping'));
    await loop;
  }

  return { runOnce, start, stop };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
