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
  let result: Allocation[] = [[]];
  for (const count of counts) {
    const next: Allocation[] = [];
    for (const prefix of result) {
      for (let n = 0; n <= count; n++) {
        next.push([...prefix, n]);
      }
    }
    result = next;
  }
  return result;
}
