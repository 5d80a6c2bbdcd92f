import type { AgentIndex } from '../domain/types';

/**
 * Novelty of an agent's acts to its partner (Kwon et al. 2021): 1 − mean p_partner(x_t) over
 * every act x_t the agent said, pooled across dialogues. `probabilities[d][k]` is the partner
 * model's probability of the agent's k-th act in dialogue d. Null when the agent said nothing.
 */
export function novelty(
  dialogues: readonly { turns: readonly { speaker: AgentIndex }[] }[],
  probabilities: readonly (readonly number[])[],
  agent: AgentIndex,
): number | null {
  if (probabilities.length !== dialogues.length) {
    throw new RangeError(
      `novelty needs probabilities for each of the ${dialogues.length} dialogues, got ${probabilities.length}`,
    );
  }
  let sum = 0;
  let count = 0;
  dialogues.forEach((dialogue, d) => {
    const acts = dialogue.turns.filter((t) => t.speaker === agent).length;
    const ps = probabilities[d] ?? [];
    if (ps.length !== acts) {
      throw new RangeError(
        `dialogue ${d}: agent ${agent} said ${acts} acts but ${ps.length} probabilities were given`,
      );
    }
    for (const p of ps) {
      if (!(p >= 0 && p <= 1)) {
        throw new RangeError(`dialogue ${d}: ${p} is not a probability`);
      }
      sum += p;
      count++;
    }
  });
  return count === 0 ? null : 1 - sum / count;
}
