/**
 * Every allocation within `counts`, listed from scratch rather than with the domain's own
 * enumeration, for oracles that must not share the code they check (test code only).
 */
export function everyAllocation(counts: readonly number[]): number[][] {
  return counts.reduce<number[][]>(
    (partial, count) =>
      partial.flatMap((head) => Array.from({ length: count + 1 }, (_, n) => [...head, n])),
    [[]],
  );
}
