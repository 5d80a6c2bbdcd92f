import { z } from 'zod';
import { actViolation } from '../dialogue/actRules';
import { formatAct } from '../dialogue/acts';
import { domainIds, getDomain, isDomainId } from '../domain/domains';
import type { AgentIndex, Domain } from '../domain/types';
import { actSchema } from '../dialogue/actSchema';
import { astraOptionsInputSchema } from './options';
import type { AstraState } from './types';

const turnSchema = z.object({ speaker: z.enum(['self', 'partner']), act: actSchema }).strict();

/**
 * One `parley astra suggest` input line, or any other caller's `suggest` state: the shape, then
 * the domain's rules (item counts and values, every act legal in turn, self to move).
 */
export const astraStateSchema = z
  .object({
    domain: z
      .string()
      .refine(isDomainId, { message: `domain must be one of ${domainIds.join(', ')}` }),
    counts: z.array(z.number().int().min(0)),
    utilities: z.array(z.number().int().min(0)),
    history: z.array(turnSchema).default([]),
    options: astraOptionsInputSchema.optional(),
  })
  .strict()
  .superRefine((state, ctx) => {
    if (!isDomainId(state.domain)) {
      return;
    }
    for (const message of problemsOf(getDomain(state.domain), state)) {
      ctx.addIssue({ code: 'custom', message });
    }
  })
  .transform((state) => state as AstraState);

function problemsOf(
  domain: Domain,
  state: { counts: number[]; utilities: number[]; history: z.infer<typeof turnSchema>[] },
): string[] {
  const n = domain.items.length;
  if (state.counts.length !== n || state.utilities.length !== n) {
    return [`${domain.name} has ${n} items: counts and utilities need ${n} numbers each`];
  }
  const problems: string[] = [];
  if (state.counts.some((c) => c < 1 || c > domain.maxCountPerItem)) {
    problems.push(`each count must be from 1 to ${domain.maxCountPerItem}`);
  }
  const worth = state.utilities.reduce((s, u, i) => s + u * (state.counts[i] ?? 0), 0);
  if (worth !== domain.maxScore) {
    problems.push(`the items must be worth ${domain.maxScore} in total to self, not ${worth}`);
  }
  if (problems.length > 0) {
    return problems;
  }
  if (state.history.length >= domain.maxTurns) {
    return [
      `the history has ${state.history.length} turns; ${domain.name} allows ${domain.maxTurns}`,
    ];
  }
  // Replay the history under the dialogue rules, self as agent 1.
  const context = {
    counts: state.counts,
    utilities: [state.utilities, state.utilities] as [number[], number[]],
  };
  const turns: { speaker: AgentIndex; act: z.infer<typeof actSchema> }[] = [];
  for (const [index, turn] of state.history.entries()) {
    const speaker: AgentIndex = turn.speaker === 'self' ? 1 : 0;
    if (turns.at(-1)?.speaker === speaker) {
      return [`history[${index}]: ${turn.speaker} speaks twice in a row`];
    }
    if (turns.some((t) => t.act.type === 'end' || t.act.type === 'walkaway')) {
      return [`history[${index}]: the dialogue already ended`];
    }
    const violation = actViolation(domain, context, turns, speaker, turn.act);
    if (violation !== null) {
      return [`history[${index}] ${formatAct(turn.act, domain)}: ${violation.message}`];
    }
    turns.push({ speaker, act: turn.act });
  }
  const last = turns.at(-1);
  if (last?.speaker === 1) {
    return ["it must be self's turn: the last act in the history is the partner's"];
  }
  if (last !== undefined && (last.act.type === 'end' || last.act.type === 'walkaway')) {
    return [`the dialogue is over (${last.act.type})`];
  }
  return [];
}

/** A readable one-line message for a failed parse. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
    )
    .join('; ');
}
