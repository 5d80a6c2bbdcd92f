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

const experimentUnitPayload = z.strictObject({
  runId: z.string().regex(/^[0-9a-f]{24}$/),
  unit: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('prepare'), seed: z.number().int().min(1) }),
    z.strictObject({
      kind: z.literal('method'),
      seed: z.number().int().min(1),
      method: z.string().min(1),
    }),
  ]),
});

/** `parley experiment --distributed`: one (seed, method) unit, or a seed's preparation. */
export const experimentJobKinds = {
  /**
   * A unit trains for minutes and TensorFlow.js blocks the event loop through a whole SL
   * training (a paper-preset preparation trains its expert for an estimated 10–15 minutes in one
   * call), so no renewal comes meanwhile: the lease must outlast it. A killed worker's unit waits
   * that long before another worker takes it (PARLEY_JOB_LEASE_SECONDS changes every lease, e.g.
   * in tests).
   */
  'experiment.unit': {
    payload: experimentUnitPayload,
    maxAttempts: 3,
    leaseMs: 30 * 60_000,
    backoffMs: 5_000,
  },
} satisfies JobRegistry;

export type ExperimentUnitPayload = z.infer<typeof experimentUnitPayload>;

/**
 * Every job kind Parley's worker processes run, with its payload schema and retry and lease
 * settings. A kind is added here together with its handler (round kinds: pipeline/jobHandlers.ts;
 * experiment kinds: experiments/distributed/experimentJobs.ts; cli/platform/runnerMain.ts puts
 * them together): the types demand the handler, and a worker refuses to start without one.
 */
export const jobKinds = { ...roundJobKinds, ...experimentJobKinds } satisfies JobRegistry;

export type ParleyJobKinds = typeof jobKinds;
export type RoundJobKind = keyof typeof roundJobKinds;
export type RoundJobKinds = typeof roundJobKinds;
export type ExperimentJobKinds = typeof experimentJobKinds;

/** The registry with every kind's lease replaced (PARLEY_JOB_LEASE_SECONDS), or as it is. */
export function withLease(registry: ParleyJobKinds, leaseMs: number | undefined): ParleyJobKinds {
  if (leaseMs === undefined) {
    return registry;
  }
  return Object.fromEntries(
    Object.entries(registry).map(([kind, spec]) => [kind, { ...spec, leaseMs }]),
  ) as ParleyJobKinds;
}
