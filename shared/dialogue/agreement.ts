import { complement } from '../domain/allocation';
import type { AgentIndex, Allocation } from '../domain/types';
import { isOffer } from './acts';
import type { Turn } from './dialogue';

/**
 * `agent`'s own share under the latest offer that the other side agreed to (an offer followed
 * directly by `agree` from its recipient), or null when nothing was agreed. This is what a
 * cooperative agent selects once the dialogue ends.
 */
export function agreedShare(
  turns: readonly Turn[],
  agent: AgentIndex,
  counts: readonly number[],
): Allocation | null {
  for (let i = turns.length - 1; i > 0; i--) {
    const answer = turns[i];
    const offer = turns[i - 1];
    if (
      answer?.act.type === 'agree' &&
      offer !== undefined &&
      isOffer(offer.act) &&
      offer.speaker !== answer.speaker
    ) {
      return offer.speaker === agent
        ? [...offer.act.allocation]
        : complement(counts, offer.act.allocation);
    }
  }
  return null;
}
