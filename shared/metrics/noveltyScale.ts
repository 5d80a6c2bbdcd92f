import type { noveltyMetrics } from '../protocol/rounds';

/**
 * The one sign convention for novelty that researchers read: **higher = more novel**. A
 * ranking score is Bob's log-probability (or probability) of Alice's acts, lower = more novel;
 * as novelty it is the surprisal −min log p (`minLogProb`, the largest surprise of any act),
 * −mean log p (`meanLogProb`), or 1 − mean p (`meanProb`, as the experiments' metric).
 */
export function noveltyOfScore(metric: (typeof noveltyMetrics)[number], score: number): number {
  return metric === 'meanProb' ? 1 - score : -score;
}
