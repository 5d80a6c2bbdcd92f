import { describe, expect, it } from 'vitest';
import { actTypes } from '../dialogue/acts';
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

describe('evaluateGold, in words', () => {
  it('says what was expected and what happened, for the reviewer', () => {
    expect(
      evaluateGold(
        { agreement: true, firstResponseTypes: ['propose', 'insist'] },
        { firstResponse: 'agree', outcome: noDeal },
      ).failures,
    ).toEqual(['expected a deal', 'answered with agree, expected propose or insist']);
    expect(
      evaluateGold(
        { agreement: false, firstResponseTypes: ['disagree'] },
        { firstResponse: null, outcome: deal(5) },
      ).failures,
    ).toEqual(['expected no deal', 'answered with nothing, expected disagree']);
  });

  it('counts a score equal to the minimum as reached', () => {
    expect(evaluateGold({ minBobScore: 6 }, { firstResponse: null, outcome: deal(6) })).toEqual({
      passed: true,
      failures: [],
    });
    expect(
      evaluateGold({ agreement: false }, { firstResponse: null, outcome: noDeal }).passed,
    ).toBe(true);
  });
});

describe('goldExpectationsSchema, bounds', () => {
  it('takes a minimum score from 0 to 1,000 and one to all act types', () => {
    const ok = (value: unknown) => goldExpectationsSchema.safeParse(value).success;
    expect(ok({ minBobScore: 0 })).toBe(true);
    expect(ok({ minBobScore: 1000 })).toBe(true);
    expect(ok({ minBobScore: -1 })).toBe(false);
    expect(ok({ minBobScore: 1001 })).toBe(false);
    expect(ok({ firstResponseTypes: [] })).toBe(false);
    expect(ok({ firstResponseTypes: ['agree'] })).toBe(true);
    expect(ok({ firstResponseTypes: [...actTypes] })).toBe(true);
    expect(ok({ firstResponseTypes: [...actTypes, 'agree'] })).toBe(false);
  });

  it('does not count an expectation given as undefined', () => {
    expect(goldExpectationsSchema.safeParse({ agreement: undefined }).success).toBe(false);
  });

  it('tells the researcher to state an expectation', () => {
    const result = goldExpectationsSchema.safeParse({});
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'state at least one expectation',
    ]);
  });
});

describe('effectiveGoldRate', () => {
  it('treats a negative base rate as 0', () => {
    expect(effectiveGoldRate(-0.5, { answered: 0, correct: 0 })).toBe(0);
  });

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
