import { maxJointScore } from '../domain/scoring';
import type { AgentIndex, Context } from '../domain/types';
import { novelty } from './novelty';

/**
 * What the metrics need from a finished dialogue. A finished `DialogueState` and a
 * `DialogueRecord` both fit; only the act's type is read, so imported `unknown` acts are fine.
 */
export interface ScoredDialogue {
  context: Context;
  turns: readonly { speaker: AgentIndex; act: { type: string } }[];
  outcome: {
    agreed: boolean;
    scores: readonly [number, number];
    paretoOptimal: boolean | null;
  } | null;
}

/**
 * Run-level metrics of one agent (`agent`) against its partner (Kwon et al. 2021). Rates are
 * fractions in [0, 1]; a rate or mean with nothing to average over is null.
 */
export interface RunMetrics {
  dialogues: number;
  agreed: number;
  /** mean(r_agent − r_partner) over all dialogues (a no-deal counts as BATNA − BATNA = 0). */
  advantage: number | null;
  meanScore: number | null;
  meanPartnerScore: number | null;
  /** Dialogues that ended in a deal / all dialogues. */
  agreementRate: number | null;
  /** Pareto-optimal deals / deals. */
  paretoOptimalRate: number | null;
  /** Deals reaching the context's maximum rA + rB / deals. */
  maxJointRate: number | null;
  /** Deals with rA = rB / deals (a no-deal's equal BATNAs would only blur it). */
  equalScoreRate: number | null;
  /** 1 − mean p_partner(act) over all of the agent's acts; null without probabilities. */
  novelty: number | null;
  /** Mean number of acts per dialogue, both agents together. */
  meanLength: number | null;
}

export interface RunMetricsOptions {
  /** Whose metrics: 0 (Alice, the default) or 1. */
  agent?: AgentIndex;
  /**
   * For novelty: per dialogue, the partner model's probability of each of the agent's acts,
   * in order. Must cover every dialogue and every act of the agent.
   */
  partnerProbabilities?: readonly (readonly number[])[];
}

const mean = (sum: number, n: number): number | null => (n === 0 ? null : sum / n);

export function runMetrics(
  dialogues: readonly ScoredDialogue[],
  options: RunMetricsOptions = {},
): RunMetrics {
  const agent = options.agent ?? 0;
  const partner = (1 - agent) as AgentIndex;
  let agreed = 0;
  let advantage = 0;
  let score = 0;
  let partnerScore = 0;
  let pareto = 0;
  let maxJoint = 0;
  let equal = 0;
  let length = 0;
  dialogues.forEach((dialogue, index) => {
    const { outcome } = dialogue;
    if (outcome === null) {
      throw new RangeError(`dialogue ${index} has no outcome yet; metrics need finished dialogues`);
    }
    const mine = outcome.scores[agent];
    const theirs = outcome.scores[partner];
    advantage += mine - theirs;
    score += mine;
    partnerScore += theirs;
    length += dialogue.turns.length;
    if (outcome.agreed) {
      agreed++;
      pareto += outcome.paretoOptimal === true ? 1 : 0;
      equal += mine === theirs ? 1 : 0;
      maxJoint += mine + theirs === maxJointScore(dialogue.context) ? 1 : 0;
    }
  });
  const n = dialogues.length;
  return {
    dialogues: n,
    agreed,
    advantage: mean(advantage, n),
    meanScore: mean(score, n),
    meanPartnerScore: mean(partnerScore, n),
    agreementRate: mean(agreed, n),
    paretoOptimalRate: mean(pareto, agreed),
    maxJointRate: mean(maxJoint, agreed),
    equalScoreRate: mean(equal, agreed),
    novelty:
      options.partnerProbabilities === undefined
        ? null
        : novelty(dialogues, options.partnerProbabilities, agent),
    meanLength: mean(length, n),
  };
}
