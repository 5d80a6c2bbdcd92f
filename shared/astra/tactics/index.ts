import { collaborativeTactics } from './collaborative';
import { competitiveTactics } from './competitive';
import type { Tactic, TacticContext } from './tactic';

/** The nine tactics, competitive first; earlier ones win ties. */
export const tactics: readonly Tactic[] = [...competitiveTactics, ...collaborativeTactics];

export type TacticGroup = Tactic['group'];

/**
 * Tit-for-Tat picks the tactic group, the candidates then compete within it: competitive for the
 * opening offer and against a greedy partner (and a neutral one with `competitiveAgainstNeutral`,
 * the paper's §4.3), collaborative otherwise. If no tactic of that group applies, the other
 * group's tactics are used.
 */
export function preferredGroup(
  context: TacticContext,
  competitiveAgainstNeutral = false,
): { group: TacticGroup; reason: string } {
  if (context.ownOfferCount === 0) {
    return { group: 'competitive', reason: 'our opening offer' };
  }
  const competitive =
    context.stance === 'greedy' || (competitiveAgainstNeutral && context.stance === 'neutral');
  return competitive
    ? { group: 'competitive', reason: `the partner is ${context.stance}` }
    : { group: 'collaborative', reason: `the partner is ${context.stance}` };
}

export type { Tactic, TacticContext, TacticId } from './tactic';
