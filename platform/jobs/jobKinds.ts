import { z } from 'zod';
import type { JobRegistry } from './jobRegistry';

const roundPayload = z.strictObject({ roundId: z.string().regex(/^[0-9a-f]{24}$/) });

/** The acquisition-round pipeline: one kind per stage (pipeline/README.md). */
export const roundJobKinds = {
  /** Bootstraps missing checkpoints, plays N self-play dialogues Alice vs Bob. */
  'round.selfplay': { payload: roundPayload, maxAttempts: 5, leaseMs: 60_000, backoffMs: 1_000 },
  /** Novelty ranking, tasks for the k most novel, oracle annotations of the non-human share. */
  'round.rank': { payload: roundPayload, maxAttempts: 5, leaseMs: 60_000, backoffMs: 1_000 },
  /** Waits (re-enqueueing itself) until every human task has its annotations. */
  'round.annotating': {
    payload: roundPayload,
    maxAttempts: 5,
    leaseMs: 30_000,
    backoffMs: 1_000,
  },
  /** Bob's SL retraining on D ∪ D′; saves Bob's new checkpoint. */
  'round.retrain': { payload: roundPayload, maxAttempts: 5, leaseMs: 60_000, backoffMs: 1_000 },
  /** Before/after evaluation against the simulated expert; the round becomes `evaluated`. */
  'round.evaluate': { payload: roundPayload, maxAttempts: 5, leaseMs: 60_000, backoffMs: 1_000 },
} satisfies JobRegistry;

/**
 * Every job kind Parley's worker processes run, with its payload schema and retry and lease
 * settings. A kind is added here together with its handler in pipeline/jobHandlers.ts: the
 * types demand the handler, and a worker refuses to start without one.
 */
export const jobKinds = { ...roundJobKinds } satisfies JobRegistry;

export type ParleyJobKinds = typeof jobKinds;
export type RoundJobKind = keyof typeof roundJobKinds;

/** The registry with every kind's lease replaced (PARLEY_JOB_LEASE_SECONDS), or as it is. */
export function withLease(registry: ParleyJobKinds, leaseMs: number | undefined): ParleyJobKinds {
  if (leaseMs === undefined) {
    return registry;
  }
  return Object.fromEntries(
    Object.entries(registry).map(([kind, spec]) => [kind, { ...spec, leaseMs }]),
  ) as ParleyJobKinds;
}
