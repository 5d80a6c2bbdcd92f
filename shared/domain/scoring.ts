import { allocationSpace, complement } from './allocation';
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
 * Both scores of every allocation in `allocationSpace(counts)` order, as one flat array
 * [r0, r1, r0, r1, …]. Called at the end of every dialogue, so it avoids per-allocation arrays.
 */
function scoreTable(context: Context): Float64Array {
  const { counts, utilities } = context;
  const [u0, u1] = utilities;
  const space = allocationSpace(counts);
  const table = new Float64Array(space.length * 2);
  for (let k = 0; k < space.length; k++) {
    const allocation = space[k] as readonly number[];
    let r0 = 0;
    let r1 = 0;
    for (let i = 0; i < counts.length; i++) {
      const mine = allocation[i] as number;
      r0 += (u0[i] ?? 0) * mine;
      r1 += (u1[i] ?? 0) * ((counts[i] as number) - mine);
    }
    table[2 * k] = r0;
    table[2 * k + 1] = r1;
  }
  return table;
}

/**
 * The exact Pareto frontier by enumeration: allocations (agent 0's share) such that no other
 * allocation gives one agent more without giving the other less. Sorted by agent 0's score,
 * ascending; allocations with identical score pairs all appear.
 */
export function paretoFrontier(context: Context): FrontierPoint[] {
  const space = allocationSpace(context.counts);
  const table = scoreTable(context);
  // Sweep by agent 0's score, best first: a point is dominated iff a point with a higher r0
  // has r1 ≥ its r1, or a point with the same r0 has a higher r1.
  const order = space.map((_, k) => k);
  order.sort((a, b) => (table[2 * b] as number) - (table[2 * a] as number));
  const frontier: FrontierPoint[] = [];
  let bestR1Above = -Infinity;
  for (let start = 0; start < order.length;) {
    const r0 = table[2 * (order[start] as number)] as number;
    let end = start;
    let groupBest = -Infinity;
    while (end < order.length && table[2 * (order[end] as number)] === r0) {
      groupBest = Math.max(groupBest, table[2 * (order[end] as number) + 1] as number);
      end++;
    }
    if (groupBest > bestR1Above) {
      for (let j = start; j < end; j++) {
        const k = order[j] as number;
        if (table[2 * k + 1] === groupBest) {
          frontier.push({
            allocation: [...(space[k] as readonly number[])],
            scores: [r0, groupBest],
          });
        }
      }
      bestR1Above = groupBest;
    }
    start = end;
  }
  // Ascending by agent 0's score; allocations with equal scores keep their lexicographic order.
  return frontier.sort((p, q) => p.scores[0] - q.scores[0]);
}

/** True when no allocation dominates the scores of agent 0 taking `allocation`. */
export function isParetoOptimal(context: Context, allocation: readonly number[]): boolean {
  const { counts, utilities } = context;
  const [u0, u1] = utilities;
  const [s0, s1] = dealScores(context, allocation);
  // Runs at every dialogue's end: walk the cached space without building score arrays.
  for (const other of allocationSpace(counts)) {
    let r0 = 0;
    let r1 = 0;
    for (let i = 0; i < counts.length; i++) {
      const mine = other[i] as number;
      r0 += (u0[i] ?? 0) * mine;
      r1 += (u1[i] ?? 0) * ((counts[i] as number) - mine);
    }
    if (r0 >= s0 && r1 >= s1 && (r0 > s0 || r1 > s1)) {
      return false;
    }
  }
  return true;
}

/** The largest rA + rB any allocation reaches. */
export function maxJointScore(context: Context): number {
  const table = scoreTable(context);
  let best = -Infinity;
  for (let k = 0; k < table.length; k += 2) {
    best = Math.max(best, (table[k] as number) + (table[k + 1] as number));
  }
  return best;
}

/** p dominates q: at least as good for both, strictly better for one. */
export function dominates(p: readonly [number, number], q: readonly [number, number]): boolean {
  return p[0] >= q[0] && p[1] >= q[1] && (p[0] > q[0] || p[1] > q[1]);
}
