import { describe, expect, it } from 'vitest';
import type { Question } from '../protocol/evaluation';
import { evaluationResults, type EvaluatedDialogue } from './evaluationResults';

const questions: Question[] = [
  { id: 'quality', text: 'Good negotiator.', kind: 'likert' },
  { id: 'comment', text: 'Anything else?', kind: 'open' },
];

function dialogue(over: Partial<EvaluatedDialogue>): EvaluatedDialogue {
  return {
    agent: 'astra',
    participantId: 'p',
    position: 0,
    agreed: true,
    paretoOptimal: true,
    agentScore: 6,
    humanScore: 4,
    answers: null,
    ...over,
  };
}

describe('evaluationResults', () => {
  it('gives per agent the metrics against humans and the mean rating, with 95 % CIs', () => {
    const results = evaluationResults(['astra', 'v1'], questions, [
      // ASTRA: deals 7–3 (Pareto), 5–5 (not Pareto), and no deal (0–0).
      dialogue({ agentScore: 7, humanScore: 3, answers: { quality: 4, comment: 'firm' } }),
      dialogue({ agentScore: 5, humanScore: 5, paretoOptimal: false, answers: { quality: 2 } }),
      dialogue({ agreed: false, paretoOptimal: null, agentScore: 0, humanScore: 0 }),
      // v1: one deal, 4–6.
      dialogue({ agent: 'v1', agentScore: 4, humanScore: 6, answers: { quality: 5 } }),
    ]);
    const [astra, v1] = results;
    expect(astra?.dialogues).toBe(3);
    // Advantages 4, 0, 0: mean 4/3; sample sd √((8/3)²·… ) computed by hand below.
    // deviations 8/3, −4/3, −4/3 → squares 64/9 + 16/9 + 16/9 = 96/9; variance 48/9; se √(48/27).
    expect(astra?.advantage?.mean).toBeCloseTo(4 / 3, 12);
    expect(astra?.advantage?.ci95).toBeCloseTo(4.303 * Math.sqrt(48 / 27), 9);
    expect(astra?.advantage?.n).toBe(3);
    // Agreement 1, 1, 0.
    expect(astra?.agreement?.mean).toBeCloseTo(2 / 3, 12);
    // Pareto over the two deals only: 1, 0 → mean 0.5, sd √0.5, se 0.5, t(1) = 12.706.
    expect(astra?.paretoOptimal).toEqual({ mean: 0.5, ci95: 12.706 * 0.5, n: 2 });
    expect(astra?.agentScore?.mean).toBe(4);
    expect(astra?.humanScore?.mean).toBeCloseTo(8 / 3, 12);
    // Ratings 4 and 2 (the unrated dialogue does not count): mean 3, sd √2, se 1.
    expect(astra?.ratings.quality).toEqual({ mean: 3, ci95: 12.706, n: 2 });
    // Open questions are not averaged.
    expect(Object.keys(astra?.ratings ?? {})).toEqual(['quality']);
    // One dialogue: a mean without an interval.
    expect(v1?.advantage).toEqual({ mean: -2, ci95: null, n: 1 });
    expect(v1?.ratings.quality).toEqual({ mean: 5, ci95: null, n: 1 });
  });

  it('reports an agent nobody met with no estimates', () => {
    const [unmet] = evaluationResults(['scripted:fair'], questions, []);
    expect(unmet).toEqual({
      agent: 'scripted:fair',
      dialogues: 0,
      advantage: null,
      agreement: null,
      paretoOptimal: null,
      agentScore: null,
      humanScore: null,
      ratings: { quality: null },
    });
  });
});
