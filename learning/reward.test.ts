import { describe, expect, it } from 'vitest';
import type { Outcome } from '../shared/dialogue/outcome';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { plainReward, RewardBaseline, rewardOf } from './reward';

const deal = (scores: [number, number], paretoOptimal: boolean): Outcome => ({
  agreed: true,
  walkedAway: false,
  allocation: [1, 0, 0],
  scores,
  paretoOptimal,
});
const noDeal: Outcome = {
  agreed: false,
  walkedAway: true,
  allocation: null,
  scores: [0, 0],
  paretoOptimal: null,
};

describe('rewardOf', () => {
  it("is the agent's own score, for either agent", () => {
    expect(rewardOf(dealOrNoDeal, deal([7, 3], false), plainReward)).toBe(7);
    expect(rewardOf(dealOrNoDeal, deal([7, 3], false), plainReward, 1)).toBe(3);
  });

  it('adds 1 for a Pareto-optimal deal under reward engineering, and only then', () => {
    const engineered = { paretoBonus: true, normalise: false };
    expect(rewardOf(dealOrNoDeal, deal([6, 4], true), engineered)).toBe(7);
    expect(rewardOf(dealOrNoDeal, deal([6, 4], false), engineered)).toBe(6);
    expect(rewardOf(dealOrNoDeal, noDeal, engineered)).toBe(0);
    expect(rewardOf(dealOrNoDeal, deal([6, 4], true), plainReward)).toBe(6);
  });

  it('divides the score by the most an agent can score when normalised (10 in DealOrNoDeal)', () => {
    expect(dealOrNoDeal.maxScore).toBe(10);
    expect(rewardOf(dealOrNoDeal, deal([6, 4], true), { paretoBonus: true, normalise: true })).toBe(
      0.6 + 1,
    );
    expect(
      rewardOf(dealOrNoDeal, deal([6, 4], false), { paretoBonus: false, normalise: true }, 1),
    ).toBe(0.4);
  });
});

describe('RewardBaseline', () => {
  it('normalises each reward by the mean and population deviation of all rewards so far', () => {
    const baseline = new RewardBaseline();
    // Computed from the definition: after 2, 4, 4, 4, 5, 5, 7, 9 the mean is 5 and the
    // population standard deviation 2, so 9 has advantage (9 − 5) / 2 = 2.
    const rewards = [2, 4, 4, 4, 5, 5, 7, 9];
    const advantages = rewards.map((r) => baseline.advantage(r));
    expect(advantages.at(-1)).toBeCloseTo(2, 12);
    expect(baseline.runningMean).toBeCloseTo(5, 12);
    // After 2 and 4: mean 3, deviation 1, so 4 has advantage 1.
    expect(advantages[1]).toBeCloseTo(1, 12);
  });

  it('gives 0 for the first reward and does not divide by a zero deviation', () => {
    const baseline = new RewardBaseline();
    expect(baseline.advantage(5)).toBe(0);
    expect(baseline.advantage(5)).toBe(0);
    // 5, 5, 5.00003: mean 5.00001, deviation 1.41e-5 — below the floor 1e-4, which divides
    // instead: (5.00003 − 5.00001) / 1e-4 = 0.2 (without the floor it would be √2).
    expect(baseline.advantage(5.00003)).toBeCloseTo(0.2, 6);
  });
});
