import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { allocationWithin, anyContext } from '../testing/arbitraries';
import {
  allocationSpace,
  allocationsEqual,
  areComplementary,
  complement,
  enumerateAllocations,
  isValidAllocation,
} from './allocation';

describe('allocations', () => {
  it('complement gives the partner the rest, and the pair is complementary', () => {
    fc.assert(
      fc.property(
        anyContext.chain(({ counts }) => fc.tuple(fc.constant(counts), allocationWithin(counts))),
        ([counts, mine]) => {
          const theirs = complement(counts, mine);
          expect(isValidAllocation(counts, theirs)).toBe(true);
          expect(areComplementary(counts, mine, theirs)).toBe(true);
          expect(complement(counts, theirs)).toEqual(mine);
        },
      ),
    );
  });

  it('areComplementary is false for anything that does not divide the items exactly', () => {
    expect(areComplementary([1, 2, 3], [1, 0, 1], [0, 2, 1])).toBe(false); // a ball left over
    expect(areComplementary([1, 2, 3], [1, 2, 4], [0, 0, -1])).toBe(false); // out of range
    expect(areComplementary([1, 2, 3], [1, 2], [0, 0, 3])).toBe(false); // wrong length
  });

  it('validates amounts: integers within 0..count, one per item', () => {
    expect(isValidAllocation([1, 2, 3], [1, 2, 3])).toBe(true);
    expect(isValidAllocation([1, 2, 3], [0, 0, 0])).toBe(true);
    expect(isValidAllocation([1, 2, 3], [2, 0, 0])).toBe(false);
    expect(isValidAllocation([1, 2, 3], [0.5, 0, 0])).toBe(false);
    expect(isValidAllocation([1, 2, 3], [-1, 0, 0])).toBe(false);
    expect(isValidAllocation([1, 2, 3], [0, 0])).toBe(false);
    expect(isValidAllocation([1, 2, 3], [0, 0, 0, 0])).toBe(false);
  });

  it('enumerates Π(count+1) distinct valid allocations in lexicographic order', () => {
    fc.assert(
      fc.property(anyContext, ({ counts }) => {
        const all = enumerateAllocations(counts);
        expect(all).toHaveLength(counts.reduce((p, c) => p * (c + 1), 1));
        expect(all.every((a) => isValidAllocation(counts, a))).toBe(true);
        const keys = all.map((a) => a.join(','));
        expect(new Set(keys).size).toBe(all.length);
        for (let i = 1; i < all.length; i++) {
          const [prev, cur] = [all[i - 1] ?? [], all[i] ?? []];
          const k = cur.findIndex((n, j) => n !== prev[j]);
          expect((cur[k] ?? 0) > (prev[k] ?? 0)).toBe(true);
        }
      }),
    );
    expect(enumerateAllocations([1, 2])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('shares one frozen space per counts vector, while enumerateAllocations hands out copies', () => {
    const space = allocationSpace([2, 1, 3]);
    expect(allocationSpace([2, 1, 3])).toBe(space);
    expect(Object.isFrozen(space) && Object.isFrozen(space[0])).toBe(true);
    const copy = enumerateAllocations([2, 1, 3]);
    (copy[0] as number[])[0] = 99;
    expect(allocationSpace([2, 1, 3])[0]).toEqual([0, 0, 0]);
    expect(space.map((a) => [...a])).toEqual(enumerateAllocations([2, 1, 3]));
  });

  it('keeps counts apart that only differ in where one number ends: [1, 11] and [11, 1]', () => {
    expect(allocationSpace([1, 11])).toHaveLength(24);
    expect(allocationSpace([11, 1]).at(-1)).toEqual([11, 1]);
    expect(allocationSpace([1, 11]).at(-1)).toEqual([1, 11]);
  });

  it('keeps at most 1,024 spaces: the 1,025th counts vector empties the cache', async () => {
    // A fresh copy of the module, so the cache starts empty whatever other tests put in it.
    vi.resetModules();
    const fresh = await import('./allocation');
    // 1,025 distinct counts vectors: n zeros has the key "0,…,0" and one allocation.
    const zeros = (n: number) => Array.from({ length: n }, () => 0);
    const first = fresh.allocationSpace(zeros(1));
    for (let n = 2; n <= 1024; n++) {
      fresh.allocationSpace(zeros(n));
    }
    expect(fresh.allocationSpace(zeros(1))).toBe(first); // 1,024 held: still cached
    fresh.allocationSpace(zeros(1025));
    expect(fresh.allocationSpace(zeros(1))).not.toBe(first); // emptied, built again
    expect(fresh.allocationSpace(zeros(1))).toEqual([[0]]);
  });

  it('compares allocations by value', () => {
    expect(allocationsEqual([1, 0, 2], [1, 0, 2])).toBe(true);
    expect(allocationsEqual([1, 0, 2], [1, 0])).toBe(false);
    expect(allocationsEqual([1, 0, 2], [1, 2, 0])).toBe(false);
    // A shorter first one: every amount it has matches, the third is missing.
    expect(allocationsEqual([1, 0], [1, 0, 2])).toBe(false);
  });
});
