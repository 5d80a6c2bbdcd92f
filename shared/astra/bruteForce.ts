import { complement, enumerateAllocations } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Allocation } from '../domain/types';
import { offerObjective, scoreTolerance, type OfferProgram } from './lpOffers';

/**
 * The oracle the LP is checked against (tests and `parley bench astra`): the optimum of an
 * offer program by enumerating every allocation (≤ 5·5·5 here). Never used to make offers.
 */
export function bruteForceOptimum(
  program: OfferProgram,
): { allocation: Allocation; objective: number } | null {
  let best: { allocation: Allocation; objective: number } | null = null;
  for (const allocation of enumerateAllocations(program.counts)) {
    if (!isFeasible(program, allocation)) {
      continue;
    }
    const objective = offerObjective(program, allocation);
    if (best === null || objective > best.objective) {
      best = { allocation, objective };
    }
  }
  return best;
}

export function isFeasible(program: OfferProgram, allocation: readonly number[]): boolean {
  const own = scoreOf(program.ownUtilities, allocation);
  const partner = scoreOf(program.partnerUtilities, complement(program.counts, allocation));
  return (
    own <= program.maxOwnScore &&
    own >= program.minOwnScore &&
    (program.minPartnerScore === null || partner >= program.minPartnerScore - scoreTolerance)
  );
}

/** Objectives equal up to floating-point noise (the IPP utilities are real numbers). */
export function sameObjective(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));
}
