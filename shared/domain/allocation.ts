import type { Allocation } from './types';

/** What the partner gets when one agent takes `allocation`. */
export function complement(counts: readonly number[], allocation: readonly number[]): Allocation {
  return counts.map((c, i) => c - (allocation[i] ?? 0));
}

/** True when 0 ≤ allocation[i] ≤ counts[i] for every item, with integer amounts. */
export function isValidAllocation(
  counts: readonly number[],
  allocation: readonly number[],
): boolean {
  return (
    allocation.length === counts.length &&
    allocation.every((n, i) => Number.isInteger(n) && n >= 0 && n <= (counts[i] ?? -1))
  );
}

/** True when the two agents' selections divide the items exactly. */
export function areComplementary(
  counts: readonly number[],
  a: readonly number[],
  b: readonly number[],
): boolean {
  return (
    isValidAllocation(counts, a) &&
    isValidAllocation(counts, b) &&
    counts.every((c, i) => (a[i] ?? 0) + (b[i] ?? 0) === c)
  );
}

export function allocationsEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Every allocation of these counts, in lexicographic order (≤ 5·5·5 in the domains here). */
export function enumerateAllocations(counts: readonly number[]): Allocation[] {
  return allocationSpace(counts).map((allocation) => [...allocation]);
}

// Scoring, agents and the Pareto check walk the whole space at every dialogue's end, and the
// domains only have a few dozen count vectors, so the space is built once per counts vector.
// Counts come from callers too (e.g. `parley outcomes`), so the cache is bounded.
const spaceCache = new Map<string, readonly (readonly number[])[]>();
const spaceCacheLimit = 1024;

/**
 * The same allocations as `enumerateAllocations`, shared between calls: frozen arrays that the
 * caller must not mutate. Use it in loops that only read.
 */
export function allocationSpace(counts: readonly number[]): readonly (readonly number[])[] {
  const key = counts.join(',');
  const cached = spaceCache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  let result: number[][] = [[]];
  for (const count of counts) {
    const next: number[][] = [];
    for (const prefix of result) {
      for (let n = 0; n <= count; n++) {
        next.push([...prefix, n]);
      }
    }
    result = next;
  }
  const space = Object.freeze(result.map((allocation) => Object.freeze(allocation)));
  if (spaceCache.size >= spaceCacheLimit) {
    spaceCache.clear();
  }
  spaceCache.set(key, space);
  return space;
}
