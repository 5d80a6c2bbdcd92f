import type { Turn } from '../shared/dialogue/dialogue';
import type { AgentIndex } from '../shared/domain/types';

/**
 * How a dialogue's novelty is summarised from the partner's log-probabilities of the agent's
 * acts. Lower is more novel for every metric:
 * - `minLogProb`: the paper's s_n = min_t log p_partner(x_t) (the default);
 * - `meanLogProb`: the mean of those log-probabilities;
 * - `meanProb`: the mean probability, as the reference implementation computes it.
 */
export type NoveltyMetric = 'minLogProb' | 'meanLogProb' | 'meanProb';
export const noveltyMetrics: readonly NoveltyMetric[] = ['minLogProb', 'meanLogProb', 'meanProb'];

export interface NoveltyScore {
  score: number;
  /** Index (in the dialogue's turns) of the agent's act the partner found least likely, or -1. */
  mostNovelTurn: number;
}

/** Novelty of one dialogue from the partner's per-turn log-probabilities of every act. */
export function noveltyOf(
  turns: readonly Turn[],
  partnerLogProbs: readonly number[],
  agent: AgentIndex,
  metric: NoveltyMetric = 'minLogProb',
): NoveltyScore {
  let mostNovelTurn = -1;
  let min = Infinity;
  let sumLog = 0;
  let sumProb = 0;
  let count = 0;
  turns.forEach((turn, t) => {
    if (turn.speaker !== agent) {
      return;
    }
    const lp = partnerLogProbs[t] ?? 0;
    if (lp < min) {
      min = lp;
      mostNovelTurn = t;
    }
    sumLog += lp;
    sumProb += Math.exp(lp);
    count++;
  });
  if (count === 0) {
    return { score: 0, mostNovelTurn: -1 };
  }
  switch (metric) {
    case 'minLogProb':
      return { score: min, mostNovelTurn };
    case 'meanLogProb':
      return { score: sumLog / count, mostNovelTurn };
    case 'meanProb':
      return { score: sumProb / count, mostNovelTurn };
  }
}

/** Indices of the k most novel dialogues (lowest scores first; ties keep input order). */
export function mostNovel(scores: readonly NoveltyScore[], k: number): number[] {
  return scores
    .map((s, index) => ({ index, score: s.score, usable: s.mostNovelTurn >= 0 }))
    .filter((s) => s.usable)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, k)
    .map((s) => s.index);
}

/** The prefix handed to the oracle: everything up to and including the agent's most novel act. */
export function cutAtMostNovel(turns: readonly Turn[], novelty: NoveltyScore): Turn[] {
  return turns.slice(0, novelty.mostNovelTurn + 1);
}
