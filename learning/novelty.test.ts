import { describe, expect, it } from 'vitest';
import type { Turn } from '../shared/dialogue/turn';
import { cutAtMostNovel, mostNovel, noveltyOf, type NoveltyScore } from './novelty';

// Alice (0) and Bob (1) alternate; the partner's log-probability of each act.
const turns: Turn[] = [
  { speaker: 0, act: { type: 'propose', allocation: [1, 0, 0] } },
  { speaker: 1, act: { type: 'propose', allocation: [0, 1, 0] } },
  { speaker: 0, act: { type: 'insist', allocation: [1, 0, 0] } },
  { speaker: 1, act: { type: 'disagree' } },
  { speaker: 0, act: { type: 'propose', allocation: [1, 1, 0] } },
];
const logProbs = [-1, -5, -3, -0.5, -2];

describe('noveltyOf', () => {
  it("reads only the agent's own acts: the least likely one and its turn", () => {
    expect(noveltyOf(turns, logProbs, 0)).toEqual({ score: -3, mostNovelTurn: 2 });
    expect(noveltyOf(turns, logProbs, 1)).toEqual({ score: -5, mostNovelTurn: 1 });
  });

  it('summarises by the mean log-probability or the mean probability on request', () => {
    const mean = noveltyOf(turns, logProbs, 0, 'meanLogProb');
    expect(mean.score).toBeCloseTo((-1 - 3 - 2) / 3, 12);
    expect(mean.mostNovelTurn).toBe(2);
    const prob = noveltyOf(turns, logProbs, 0, 'meanProb');
    expect(prob.score).toBeCloseTo((Math.exp(-1) + Math.exp(-3) + Math.exp(-2)) / 3, 12);
  });

  it('keeps the first of equally unlikely acts, and scores a dialogue without the agent 0, -1', () => {
    expect(noveltyOf(turns, [-2, 0, -2, 0, -2], 0)).toEqual({ score: -2, mostNovelTurn: 0 });
    expect(noveltyOf(turns.slice(1, 2), [-4], 0)).toEqual({ score: 0, mostNovelTurn: -1 });
  });
});

describe('mostNovel', () => {
  const score = (s: number, turn = 1): NoveltyScore => ({ score: s, mostNovelTurn: turn });

  it('takes the k lowest scores, lowest first, ties in input order, skipping dialogues with no cut', () => {
    const scores = [score(-1), score(-4), score(-2, -1), score(-4), score(-3), score(0)];
    expect(mostNovel(scores, 3)).toEqual([1, 3, 4]);
    expect(mostNovel(scores, 10)).toEqual([1, 3, 4, 0, 5]);
    expect(mostNovel(scores, 0)).toEqual([]);
  });
});

describe('cutAtMostNovel', () => {
  it("keeps the dialogue up to and including the agent's most novel act", () => {
    expect(cutAtMostNovel(turns, { score: -3, mostNovelTurn: 2 })).toEqual(turns.slice(0, 3));
    expect(cutAtMostNovel(turns, { score: 0, mostNovelTurn: -1 })).toEqual([]);
  });
});
