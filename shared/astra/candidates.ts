import { allocationsEqual, complement } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Allocation, Domain } from '../domain/types';
import { solveOfferProgram, type OfferProgram } from './lpOffers';
import type { AstraOptions } from './options';
import type { TitForTatPolicy } from './titForTat';

export interface Candidate {
  /** Own share. */
  allocation: Allocation;
  /** What the partner gets. */
  partnerShare: Allocation;
  ownScore: number;
  /** The partner's score by the IPP. */
  partnerScore: number;
  /** The (λ, maxScore) programs whose optimum this is. */
  sources: { lambda: number; maxScore: number }[];
}

/** One solved program, for the explanation and for checking exactness against brute force. */
export interface ProgramRun {
  lambda: number;
  maxScore: number;
  allocation: Allocation | null;
  objective: number | null;
  infeasible: string | null;
}

export interface CandidateSet {
  lambdas: number[];
  maxScores: number[];
  runs: ProgramRun[];
  /** Distinct optimal allocations, best own score first. */
  candidates: Candidate[];
}

/**
 * The program for one (λ, maxScore): own score within [maxScore − window, maxScore], at least
 * BATNA and at least the concession schedule's `floor` (both floors are deviations from the
 * paper, see generateCandidates and concession.ts); the partner's score at least its BATNA where
 * that constrains anything (DealOrNoDeal's no-deal score is 0).
 */
export function offerProgramFor(
  domain: Domain,
  counts: readonly number[],
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  lambda: number,
  maxScore: number,
  floor: number,
  options: AstraOptions,
): OfferProgram {
  return {
    counts,
    ownUtilities,
    partnerUtilities,
    lambda,
    maxOwnScore: maxScore,
    minOwnScore: Math.max(
      domain.batna,
      floor,
      maxScore - options.scoreWindowShare * domain.maxScore,
    ),
    minPartnerScore: domain.batna > 0 ? domain.batna : null,
  };
}

/** λ₀ ± spread in steps (clipped to [0, 1], rounded to avoid 0.30000000000000004). */
export function lambdaGrid(lambda: number, options: AstraOptions): number[] {
  const reach = Math.round(options.lambdaSpread / options.lambdaStep);
  const values: number[] = [];
  for (let k = -reach; k <= reach; k++) {
    const value = Math.round(Math.min(1, Math.max(0, lambda + k * options.lambdaStep)) * 1e6) / 1e6;
    if (!values.includes(value)) {
      values.push(value);
    }
  }
  return values;
}

/** The policy's cap, then down in steps. */
export function maxScoreGrid(maxScore: number, options: AstraOptions): number[] {
  return Array.from(
    { length: options.maxScoreSteps + 1 },
    (_, k) => maxScore - k * options.maxScoreStep,
  );
}

/**
 * The candidate set: the LP optimum of every (λ, maxScore) in the grids, deduplicated by
 * allocation. Each program keeps own score within [maxScore − window, maxScore] (and ≥ BATNA
 * and ≥ the concession schedule's floor):
 * without the floor, any λ below ~0.5 would give everything away down to BATNA whatever the cap,
 * and the maxScore variation would not produce graded concessions. Programs with no allocation
 * in their window are reported infeasible.
 */
export function generateCandidates(
  domain: Domain,
  counts: readonly number[],
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  policy: TitForTatPolicy,
  floor: number,
  options: AstraOptions,
): CandidateSet {
  const lambdas = lambdaGrid(policy.lambda, options);
  const maxScores = maxScoreGrid(policy.maxScore, options);
  const runs: ProgramRun[] = [];
  const candidates: Candidate[] = [];
  for (const maxScore of maxScores) {
    for (const lambda of lambdas) {
      const program = offerProgramFor(
        domain,
        counts,
        ownUtilities,
        partnerUtilities,
        lambda,
        maxScore,
        floor,
        options,
      );
      const solution = solveOfferProgram(program);
      if (!solution.feasible) {
        runs.push({
          lambda,
          maxScore,
          allocation: null,
          objective: null,
          infeasible: solution.reason,
        });
        continue;
      }
      runs.push({
        lambda,
        maxScore,
        allocation: solution.allocation,
        objective: solution.objective,
        infeasible: null,
      });
      const known = candidates.find((c) => allocationsEqual(c.allocation, solution.allocation));
      if (known !== undefined) {
        known.sources.push({ lambda, maxScore });
      } else {
        const partnerShare = complement(counts, solution.allocation);
        candidates.push({
          allocation: solution.allocation,
          partnerShare,
          ownScore: scoreOf(ownUtilities, solution.allocation),
          partnerScore: scoreOf(partnerUtilities, partnerShare),
          sources: [{ lambda, maxScore }],
        });
      }
    }
  }
  candidates.sort(
    (a, b) => b.ownScore - a.ownScore || a.allocation.join().localeCompare(b.allocation.join()),
  );
  return { lambdas, maxScores, runs, candidates };
}
