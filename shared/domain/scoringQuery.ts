import { z } from 'zod';
import { isValidAllocation } from './allocation';
import { getDomain, isDomainId } from './domains';
import { dealScores, isParetoOptimal, maxJointScore, paretoFrontier } from './scoring';

/**
 * The `parley outcomes` contract, one JSON line each way (docs/formats.md). Other tools rely on
 * it: keep the fields and their meaning stable.
 */
export const scoringQuerySchema = z.object({
  domain: z.string(),
  counts: z.array(z.number()),
  utilities: z.tuple([z.array(z.number()), z.array(z.number())]),
  /** Agent 0's share, or null for no deal. */
  allocation: z.array(z.number()).nullable(),
});

export interface ScoringAnswer {
  /** [rA, rB]: the deal's scores, or each side's BATNA without a deal. */
  scores: [number, number];
  /** Whether the deal is Pareto-optimal; null without a deal. */
  paretoOptimal: boolean | null;
  /** The context's largest rA + rB. */
  maxJoint: number;
  /** The distinct score pairs on the Pareto frontier, by rA ascending. */
  frontier: [number, number][];
}

export type ScoringReply = ScoringAnswer | { error: string };

/** Answers one input line; a bad line gets `{ error }` (never an exception). */
export function answerScoringLine(line: string): ScoringReply {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  return answerScoringQuery(json);
}

export function answerScoringQuery(input: unknown): ScoringReply {
  const parsed = scoringQuerySchema.safeParse(input);
  if (!parsed.success) {
    return { error: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
  }
  const { domain: domainId, counts, utilities, allocation } = parsed.data;
  if (!isDomainId(domainId)) {
    return { error: `unknown domain "${domainId}"` };
  }
  const domain = getDomain(domainId);
  const context = { counts, utilities };
  const problems = domain.validateContext(context);
  if (problems.length > 0) {
    return { error: `not a ${domain.name} context: ${problems.join('; ')}` };
  }
  if (allocation !== null && !isValidAllocation(counts, allocation)) {
    return {
      error: `allocation ${JSON.stringify(allocation)} does not fit the counts ${JSON.stringify(counts)}`,
    };
  }
  const frontier: [number, number][] = [];
  for (const point of paretoFrontier(context)) {
    const last = frontier.at(-1);
    if (last === undefined || last[0] !== point.scores[0] || last[1] !== point.scores[1]) {
      frontier.push([point.scores[0], point.scores[1]]);
    }
  }
  return {
    scores: allocation === null ? [domain.batna, domain.batna] : dealScores(context, allocation),
    paretoOptimal: allocation === null ? null : isParetoOptimal(context, allocation),
    maxJoint: maxJointScore(context),
    frontier,
  };
}
