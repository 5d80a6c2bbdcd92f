import { allocationSpace } from '../../domain/allocation';
import type { Rng } from '../../random/rng';

/** Every allocation (what I get) with its score to me, computed once per dialogue. */
export interface OfferSpace {
  allocations: readonly (readonly number[])[];
  own: Float64Array;
  /** My best possible score (everything I value). */
  best: number;
}

export function offerSpace(counts: readonly number[], utilities: readonly number[]): OfferSpace {
  const allocations = allocationSpace(counts);
  const own = new Float64Array(allocations.length);
  allocations.forEach((allocation, k) => {
    own[k] = allocation.reduce((s, n, i) => s + n * (utilities[i] ?? 0), 0);
  });
  return { allocations, own, best: Math.max(...own) };
}

/** What the partner would get, by the estimate, when I take allocation k. */
export function partnerValue(
  space: OfferSpace,
  counts: readonly number[],
  partnerUtilities: readonly number[],
  k: number,
): number {
  const allocation = space.allocations[k] ?? [];
  return counts.reduce((s, c, i) => s + (c - (allocation[i] ?? 0)) * (partnerUtilities[i] ?? 0), 0);
}

/**
 * The offer to make for a target: among allocations worth at least `target` to me (or, if none,
 * those worth the most), the one the partner is estimated to like best; ties go to the one
 * better for me, then to a seeded random choice.
 */
export function chooseOffer(
  space: OfferSpace,
  counts: readonly number[],
  partnerUtilities: readonly number[],
  target: number,
  rng: Rng,
): readonly number[] {
  const floor = Math.min(target, space.best);
  let best: number[] = [];
  let bestPartner = -Infinity;
  let bestOwn = -Infinity;
  for (let k = 0; k < space.allocations.length; k++) {
    const own = space.own[k] ?? 0;
    if (own < floor - 1e-9) {
      continue;
    }
    const theirs = partnerValue(space, counts, partnerUtilities, k);
    if (theirs > bestPartner + 1e-9 || (Math.abs(theirs - bestPartner) <= 1e-9 && own > bestOwn)) {
      best = [k];
      bestPartner = theirs;
      bestOwn = own;
    } else if (Math.abs(theirs - bestPartner) <= 1e-9 && own === bestOwn) {
      best.push(k);
    }
  }
  return space.allocations[rng.pick(best)] ?? [];
}
