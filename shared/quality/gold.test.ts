import { describe, expect, it } from 'vitest';
import type { Outcome } from '../dialogue/outcome';
import { effectiveGoldRate, evaluateGold, goldExpectationsSchema, reliabilityScore } from './gold';

const deal = (bob: number): Outcome => ({
  agreed: true,
  walkedAway: false,
  allocation: [0, 0, 0],
  scores: [10 - bob, bob],
  paretoOptimal: true,
});
const noDeal: Outcome = {
  agreed: false,
  walkedAway: false,
  allocation: null,
  scores: [0, 0],
  paretoOptimal: null,
};

describe('goldExpectationsSchema', () => {
  it('needs at least one expectation and known act types', () => {
    expect(goldExpectationsSchema.safeParse({}).success).toBe(false);
    expect(goldExpectationsSchema.safeParse({ firstResponseTypes: ['shout'] }).success).toBe(false);
    expect(goldExpectationsSchema.safeParse({ agreement: true, extra: 1 }).success).toBe(false);
    expect(goldExpectationsSchema.parse({ minBobScore: 5 })).toEqual({ minBobScore: 5 });
  });
});

describe('evaluateGold', () => {
  const expectations = {
    agreement: true,
    minBobScore: 6,
    firstResponseTypes: ['propose' as const],
  };
  it('passes when every expectation holds', () => {
    expect(evaluateGold(expectations, { firstResponse: 'propose', outcome: deal(7) })).toEqual({
      passed: true,
      failures: [],
    });
  });
  it('lists each failed expectation', () => {
    const result = evaluateGold(expectations, { firstResponse: 'agree', outcome: noDeal });
    expect(result.passed).toBe(false);
    expect(result.failures).toHaveLength(3);
    expect(evaluateGold({ minBobScore: 6 }, { firstResponse: null, outcome: deal(5) })).toEqual({
      passed: false,
      failures: ['scored 5, expected at least 6'],
    });
  });
});

describe('effectiveGoldRate', () => {
  it('halves with each proven gold answer and recovers after failures', () => {
    expect(effectiveGoldRate(0.2, { answered: 0, correct: 0 })).toBeCloseTo(0.2);
    expect(effectiveGoldRate(0.2, { answered: 2, correct: 2 })).toBeCloseTo(0.05);
    expect(effectiveGoldRate(0.2, { answered: 3, correct: 2 })).toBeCloseTo(0.1);
    expect(effectiveGoldRate(0.2, { answered: 4, correct: 1 })).toBeCloseTo(0.2);
    expect(effectiveGoldRate(1.5, { answered: 0, correct: 0 })).toBe(1);
  });
});

describe('reliabilityScore', () => {
  it('grows with gold accuracy and falls with flagged annotations', () => {
    expect(reliabilityScore({ answered: 0, correct: 0 }, { completed: 0, flagged: 0 })).toBe(0.5);
    expect(reliabilityScore({ answered: 8, correct: 8 }, { completed: 10, flagged: 0 })).toBe(0.9);
    expect(reliabilityScore({ answered: 8, correct: 8 }, { completed: 10, flagged: 10 })).toBe(
      0.45,
    );
    expect(reliabilityScore({ answered: 8, correct: 0 }, { completed: 10, flagged: 0 })).toBe(0.1);
  });
});
