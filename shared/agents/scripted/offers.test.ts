import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng';
import { everyAllocation } from '../../testing/allocations';
import { anyContext } from '../../testing/arbitraries';
import { chooseOffer, offerSpace } from './offers';

const value = (allocation: readonly number[], utilities: readonly number[]) =>
  allocation.reduce((s, n, i) => s + n * (utilities[i] ?? 0), 0);

/**
 * The offers `chooseOffer` may make, from its definition: among allocations worth at least the
 * target to me (or, if none is, those worth the most), the ones the partner values most, and
 * among those the ones worth most to me.
 */
function allowedOffers(
  counts: readonly number[],
  mine: readonly number[],
  partner: readonly number[],
  target: number,
): string[] {
  const all = everyAllocation(counts);
  const best = Math.max(...all.map((a) => value(a, mine)));
  const eligible = all.filter((a) => value(a, mine) >= Math.min(target, best));
  const theirs = (a: readonly number[]) =>
    value(
      counts.map((c, i) => c - (a[i] ?? 0)),
      partner,
    );
  const topPartner = Math.max(...eligible.map(theirs));
  const liked = eligible.filter((a) => theirs(a) === topPartner);
  const topOwn = Math.max(...liked.map((a) => value(a, mine)));
  return liked.filter((a) => value(a, mine) === topOwn).map((a) => a.join(','));
}

describe('chooseOffer', () => {
  it("offers the partner's favourite among the allocations that meet my target, ties to me, then at random among equals", () => {
    fc.assert(
      fc.property(
        anyContext,
        fc.integer({ min: 0, max: 45 }),
        fc.integer(),
        (context, target, seed) => {
          const [mine, partner] = context.utilities;
          const allowed = allowedOffers(context.counts, mine, partner, target);
          const space = offerSpace(context.counts, mine);
          // Every allowed offer is made for some seed, and no other: 40 draws per allowed offer.
          const made = new Set<string>();
          const rng = createRng(seed);
          for (let draw = 0; draw < 40 * allowed.length; draw++) {
            made.add(chooseOffer(space, context.counts, partner, target, rng).join(','));
          }
          expect([...made].sort()).toEqual([...allowed].sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('with a target above my best, offers among what is worth my best', () => {
    const counts = [1, 2];
    const space = offerSpace(counts, [1, 1]);
    // My best (3) is everything; the partner values the first item: all of it is still mine.
    expect(chooseOffer(space, counts, [5, 0], 99, createRng(1))).toEqual([1, 2]);
    // A target of 2: the partner's favourite allocation worth 2 to me leaves it the first item.
    expect(chooseOffer(space, counts, [5, 0], 2, createRng(1))).toEqual([0, 2]);
  });
});
