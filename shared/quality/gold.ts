import { z } from 'zod';
import { actTypes, type ActType } from '../dialogue/acts';
import type { Outcome } from '../dialogue/outcome';

/**
 * Known-good behaviour on a gold task: the ranges a careful worker's annotation falls in.
 * Every stated expectation must hold for the annotation to count as correct.
 */
export const goldExpectationsSchema = z
  .strictObject({
    /** Whether the worker should reach a deal. */
    agreement: z.boolean().optional(),
    /** The least Bob (the worker) should score. */
    minBobScore: z.number().min(0).max(1000).optional(),
    /** Acceptable types for the worker's first answer to Alice's act. */
    firstResponseTypes: z
      .array(z.enum(actTypes as [ActType, ...ActType[]]))
      .min(1)
      .max(actTypes.length)
      .optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), {
    message: 'state at least one expectation',
  });
export type GoldExpectations = z.infer<typeof goldExpectationsSchema>;

export interface GoldEvaluation {
  passed: boolean;
  /** What did not hold, for people (empty when passed). */
  failures: string[];
}

/** Checks a completed gold annotation against its expectations. */
export function evaluateGold(
  expectations: GoldExpectations,
  annotation: { firstResponse: ActType | null; outcome: Outcome },
): GoldEvaluation {
  const failures: string[] = [];
  const { outcome } = annotation;
  if (expectations.agreement !== undefined && outcome.agreed !== expectations.agreement) {
    failures.push(expectations.agreement ? 'expected a deal' : 'expected no deal');
  }
  if (expectations.minBobScore !== undefined && outcome.scores[1] < expectations.minBobScore) {
    failures.push(`scored ${outcome.scores[1]}, expected at least ${expectations.minBobScore}`);
  }
  if (
    expectations.firstResponseTypes !== undefined &&
    (annotation.firstResponse === null ||
      !expectations.firstResponseTypes.includes(annotation.firstResponse))
  ) {
    failures.push(
      `answered with ${annotation.firstResponse ?? 'nothing'}, expected ${expectations.firstResponseTypes.join(' or ')}`,
    );
  }
  return { passed: failures.length === 0, failures };
}

export interface GoldRecord {
  answered: number;
  correct: number;
}

/**
 * The chance that a worker's next claim prefers a gold task: the round's gold rate, halved for
 * every gold task answered correctly beyond the failed ones. A reliable worker sees ever fewer
 * gold tasks; a failure brings them back.
 */
export function effectiveGoldRate(baseRate: number, record: GoldRecord): number {
  const failed = record.answered - record.correct;
  const proven = Math.max(0, record.correct - failed);
  return Math.min(1, Math.max(0, baseRate)) * 0.5 ** proven;
}

/**
 * A worker's reliability in [0, 1]: gold accuracy with a uniform prior (one imagined right and
 * one wrong answer, so two lucky answers are not perfection), lowered by up to a half by the
 * share of their completed annotations that raised flags.
 */
export function reliabilityScore(
  gold: GoldRecord,
  annotations: { completed: number; flagged: number },
): number {
  const accuracy = (gold.correct + 1) / (gold.answered + 2);
  const flaggedShare =
    annotations.completed === 0 ? 0 : annotations.flagged / annotations.completed;
  return accuracy * (1 - 0.5 * flaggedShare);
}
