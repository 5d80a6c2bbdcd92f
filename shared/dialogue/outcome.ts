import { areComplementary } from '../domain/allocation';
import { dealScores, isParetoOptimal } from '../domain/scoring';
import type { Allocation, Context, Domain } from '../domain/types';

export interface Outcome {
  /** True iff both selections divide the items exactly. */
  agreed: boolean;
  walkedAway: boolean;
  /** Agent 0's share when agreed, else null. */
  allocation: Allocation | null;
  /** Deal scores, or each side's BATNA without a deal. */
  scores: [number, number];
  /** Whether the agreed deal is Pareto-optimal; null without a deal. */
  paretoOptimal: boolean | null;
}

/**
 * The result of two final selections (each agent's own share, null for "no agreement"):
 * a deal iff they are complementary; otherwise both get the domain's BATNA.
 */
export function resolveOutcome(
  domain: Domain,
  context: Context,
  selections: readonly [Allocation | null, Allocation | null],
  walkedAway: boolean,
): Outcome {
  const [a, b] = selections;
  if (!walkedAway && a !== null && b !== null && areComplementary(context.counts, a, b)) {
    return {
      agreed: true,
      walkedAway: false,
      allocation: [...a],
      scores: dealScores(context, a),
      paretoOptimal: isParetoOptimal(context, a),
    };
  }
  return {
    agreed: false,
    walkedAway,
    allocation: null,
    scores: [domain.batna, domain.batna],
    paretoOptimal: null,
  };
}

/** Field-by-field equality of two outcomes (e.g. a recorded one and a recomputed one). */
export function outcomesEqual(a: Outcome, b: Outcome): boolean {
  const sameAllocation =
    a.allocation === null || b.allocation === null
      ? a.allocation === b.allocation
      : a.allocation.length === b.allocation.length &&
        a.allocation.every((n, i) => n === b.allocation?.[i]);
  return (
    a.agreed === b.agreed &&
    a.walkedAway === b.walkedAway &&
    sameAllocation &&
    a.scores[0] === b.scores[0] &&
    a.scores[1] === b.scores[1] &&
    a.paretoOptimal === b.paretoOptimal
  );
}
