import { describe, expect, it } from 'vitest';
import { noveltyOfScore } from './noveltyScale';

describe('noveltyOfScore: higher = more novel', () => {
  it('turns log-probabilities into surprisal and a mean probability into 1 − p', () => {
    expect(noveltyOfScore('minLogProb', -4.99)).toBe(4.99);
    expect(noveltyOfScore('meanLogProb', -1.5)).toBe(1.5);
    expect(noveltyOfScore('meanProb', 0.25)).toBe(0.75);
  });

  it('keeps the ranking order reversed: the lower score is the more novel', () => {
    for (const metric of ['minLogProb', 'meanLogProb', 'meanProb'] as const) {
      expect(noveltyOfScore(metric, 0.1)).toBeGreaterThan(noveltyOfScore(metric, 0.2));
    }
  });
});
