import { complement } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Allocation } from '../domain/types';
import { solveIntegerProgram, type LinearConstraint } from './lpSolver';

/**
 * ASTRA's offer program for one (λ, maxScore) pair. Variables: x_i, the units of item i that
 * "own" keeps (the partner gets counts_i − x_i). Maximise λ·own(x) + (1−λ)·partner(x) subject to
 * 0 ≤ x_i ≤ counts_i, minOwnScore ≤ own(x) ≤ maxOwnScore and partner(x) ≥ minPartnerScore.
 */
export interface OfferProgram {
  counts: readonly number[];
  ownUtilities: readonly number[];
  /** The inferred partner preferences (IPP), per unit. */
  partnerUtilities: readonly number[];
  lambda: number;
  maxOwnScore: number;
  /** Own BATNA: no offer worth less than walking away. */
  minOwnScore: number;
  /** The partner's BATNA, or null where the domain has none worth constraining. */
  minPartnerScore: number | null;
}

export type OfferSolution =
  | { feasible: true; allocation: Allocation; objective: number }
  | { feasible: false; reason: string };

/** Tolerance for the constraints on real-valued (IPP) scores, shared with the brute-force oracle. */
export const scoreTolerance = 1e-9;

/** λ·own + (1−λ)·partner for own share `allocation`: the quantity the program maximises. */
export function offerObjective(program: OfferProgram, allocation: readonly number[]): number {
  const own = scoreOf(program.ownUtilities, allocation);
  const partner = scoreOf(program.partnerUtilities, complement(program.counts, allocation));
  return program.lambda * own + (1 - program.lambda) * partner;
}

/** Solves the program with javascript-lp-solver (integer branch and cut, exact). */
export function solveOfferProgram(program: OfferProgram): OfferSolution {
  const { counts, ownUtilities, partnerUtilities, lambda } = program;
  if (program.maxOwnScore < program.minOwnScore) {
    return {
      feasible: false,
      reason: `maxScore ${program.maxOwnScore} is below the own-score floor ${program.minOwnScore}`,
    };
  }
  const names = counts.map((_, i) => `x${i}`);
  const perVariable = (f: (i: number) => number) =>
    Object.fromEntries(names.map((name, i) => [name, f(i)]));
  // partner(x) = Σ p_i·(c_i − x_i) = partnerTotal − Σ p_i·x_i, so the constant moves to the bound.
  const partnerTotal = scoreOf(partnerUtilities, counts);
  const constraints: LinearConstraint[] = [
    ...names.map((name, i) => ({
      name: `count_${name}`,
      coefficients: { [name]: 1 },
      max: counts[i] ?? 0,
    })),
    {
      name: 'own',
      coefficients: perVariable((i) => ownUtilities[i] ?? 0),
      min: program.minOwnScore,
      max: program.maxOwnScore,
    },
  ];
  if (program.minPartnerScore !== null) {
    constraints.push({
      name: 'partner',
      coefficients: perVariable((i) => partnerUtilities[i] ?? 0),
      max: partnerTotal - program.minPartnerScore + scoreTolerance,
    });
  }
  const solution = solveIntegerProgram({
    variables: names,
    // Constant (1−λ)·partnerTotal dropped: it does not change the argmax.
    objective: perVariable(
      (i) => lambda * (ownUtilities[i] ?? 0) - (1 - lambda) * (partnerUtilities[i] ?? 0),
    ),
    constraints,
  });
  if (!solution.feasible) {
    return {
      feasible: false,
      reason: 'no allocation satisfies the counts, the score cap and the BATNAs',
    };
  }
  const allocation = names.map((name) => solution.values[name] ?? 0);
  return { feasible: true, allocation, objective: offerObjective(program, allocation) };
}
