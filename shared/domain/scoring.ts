import { complement, enumerateAllocations } from './allocation';
import type { Allocation, Context } from './types';

/** Σ utility·amount: what an allocation is worth to an agent. */
export function scoreOf(utilities: readonly number[], allocation: readonly number[]): number {
  return utilities.reduce((sum, u, i) => sum + u * (allocation[i] ?? 0), 0);
}

/** Both agents' scores when agent 0 takes `allocation` and agent 1 the rest. */
export function dealScores(context: Context, allocation: readonly number[]): [number, number] {
  return [
    scoreOf(context.utilities[0], allocation),
    scoreOf(context.utilities[1], complement(context.counts, allocation)),
  ];
}

export interface FrontierPoint {
  /** Agent 0's share. */
  allocation: Allocation;
  scores: [number, number];
}

/**
 * The exact Pareto frontier by enumeration: allocations (agent 0's share) such that no other
 * allocation gives one agent more without giving the other less. Sorted by agent 0's score,
 * ascending; allocations with identical score pairs all appear.
 */
export function paretoFrontier(context: Context): FrontierPoint[] {
  const points = enumerateAllocations(context.counts).map((allocation) => ({
    allocation,
    scores: dealScores(context, allocation),
  }));
  return points
    .filter((p) => !points.some((q) => dominates(q.scores, p.scores)))
    .sort((p, q) => p.scores[0] - q.scores[0] || q.scores[1] - p.scores[1]);
}

/** True when no allocation dominates the scores of agent 0 taking `allocation`. */
export function isParetoOptimal(context: Context, allocation: readonly number[]): boolean {
  const scores = dealScores(context, allocation);
  return !enumerateAllocations(context.counts).some((other) =>
    dominates(dealScores(context, other), scores),
  );
}

/** The largest rA + rB any allocation reaches. */
export function maxJointScore(context: Context): number {
  return Math.max(
    ...enumerateAllocations(context.counts).map((a) => {
      const [r0, r1] = dealScores(context, a);
      return r0 + r1;
    }),
  );
}

/** p dominates q: at least as good for both, strictly better for one. */
export function dominates(p: readonly [number, number], q: readonly [number, number]): boolean {
  return p[0] >= q[0] && p[1] >= q[1] && (p[0] > q[0] || p[1] > q[1]);
}
