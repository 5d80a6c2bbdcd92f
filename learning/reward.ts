import type { Outcome } from '../shared/dialogue/outcome';
import type { Domain } from '../shared/domain/types';

/**
 * Alice's reward for a finished dialogue: her score, or (reward engineering) her score plus a
 * Pareto bonus of 1 for a Pareto-optimal deal; `normalise` divides the score by the domain's
 * maximum (rA/10 in DealOrNoDeal) so that the bonus weighs as much as the whole score range.
 */
export interface RewardSpec {
  paretoBonus: boolean;
  normalise: boolean;
}

export const plainReward: RewardSpec = { paretoBonus: false, normalise: false };

export function rewardOf(
  domain: Domain,
  outcome: Outcome,
  spec: RewardSpec,
  agent: 0 | 1 = 0,
): number {
  const score = spec.normalise ? outcome.scores[agent] / domain.maxScore : outcome.scores[agent];
  return score + (spec.paretoBonus && outcome.paretoOptimal === true ? 1 : 0);
}

/** Running mean and standard deviation of every reward seen so far (Welford), as the reference code normalises. */
export class RewardBaseline {
  private count = 0;
  private mean = 0;
  private m2 = 0;

  /** Adds a reward and returns its normalised advantage (reward − mean) / max(std, 1e-4). */
  advantage(reward: number): number {
    this.count++;
    const delta = reward - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (reward - this.mean);
    const std = this.count > 1 ? Math.sqrt(this.m2 / this.count) : 0;
    return (reward - this.mean) / Math.max(std, 1e-4);
  }

  get runningMean(): number {
    return this.mean;
  }
}
