import { complement, enumerateAllocations } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import type { Candidate } from './candidates';

/**
 * The offer of ASTRA **without** its offer stages (`offerStages: false`, the reproduction's
 * "without ASTRA" agent): no Tit-for-Tat λ, no LP, no PAP/SA selection. It concedes along the same
 * concession floor (`concession.ts`: Boulware from its opening down to its reservation) and
 * proposes the allocation whose own score is the smallest at or above
 * max(floor, BATNA), leaving the partner at least its BATNA where that is positive; ties go to
 * the larger partner score by the IPP, then to the first allocation in enumeration order. One
 * candidate, or none when no allocation qualifies (then ASTRA repeats its latest offer).
 */
export function floorOffer(
  domain: Domain,
  counts: readonly number[],
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  floor: number,
): Candidate[] {
  const minimum = Math.max(domain.batna, floor);
  const eps = 1e-9;
  let best: Candidate | null = null;
  for (const allocation of enumerateAllocations(counts)) {
    const ownScore = scoreOf(ownUtilities, allocation);
    if (ownScore < minimum - eps) {
      continue;
    }
    const partnerShare = complement(counts, allocation);
    const partnerScore = scoreOf(partnerUtilities, partnerShare);
    if (domain.batna > 0 && partnerScore < domain.batna - eps) {
      continue;
    }
    if (
      best === null ||
      ownScore < best.ownScore - eps ||
      (Math.abs(ownScore - best.ownScore) <= eps && partnerScore > best.partnerScore + eps)
    ) {
      best = { allocation, partnerShare, ownScore, partnerScore, sources: [] };
    }
  }
  return best === null ? [] : [best];
}
