import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { NegotiatorFactory } from '../../shared/agents/negotiator';
import { playDialogue } from '../../shared/agents/playDialogue';
import { astraFactory } from '../../shared/astra/astraNegotiator';
import type { AstraOptionsInput } from '../../shared/astra/options';
import type { AgentIndex, Domain } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';

/** One played dialogue, from the ASTRA side ("agent", Bob's seat) and its partner's. */
export interface DialogueResult {
  agent: number;
  partner: number;
  agreed: boolean;
  walkedAway: boolean;
}

/**
 * The paper's partner personas and Parley's scripted stand-ins (the paper prompts an LLM with a
 * persona instruction; docs/reproduction.md says why each stand-in).
 */
export const personas = [
  {
    name: 'base',
    standIn: 'linear',
    why: 'the paper’s base partner has no persona instruction; the neutral stand-in is the time-dependent negotiator that concedes at a steady rate (e = 1), neither hard-headed nor fairness-seeking',
  },
  {
    name: 'greedy',
    standIn: 'greedy',
    why: 'the paper’s greedy partner is told to be insistent and refuse concessions; the hard-headed negotiator asks for everything it values and accepts only ≥ 80 % of its best',
  },
  {
    name: 'fair',
    standIn: 'fair',
    why: 'the paper’s fair partner is told to seek mutual gain; the fair negotiator offers the split closest to equal scores by its opponent model',
  },
] as const satisfies readonly {
  name: string;
  standIn: keyof typeof scriptedNegotiators;
  why: string;
}[];

export type PersonaName = (typeof personas)[number]['name'];

/** The agents of the Table 1 analogue. */
export const table1Agents = {
  with: { label: 'ASTRA', options: {} as AstraOptionsInput },
  without: { label: 'without ASTRA', options: { offerStages: false } as AstraOptionsInput },
} as const;

/**
 * Plays ASTRA (with `options`) against one persona's stand-in `dialogues` times, as
 * `parley astra tournament` does: ASTRA in Bob's seat, first speaker alternating, contexts and the
 * partner's randomness from `seed` only — so every agent meets the same contexts and partners.
 */
export function playCell(options: {
  domain: Domain;
  astraOptions: AstraOptionsInput;
  partner: NegotiatorFactory;
  dialogues: number;
  seed: string;
}): DialogueResult[] {
  const root = createRng(options.seed);
  const agent = astraFactory(options.astraOptions);
  const results: DialogueResult[] = [];
  for (let i = 0; i < options.dialogues; i++) {
    const rng = root.fork(i);
    const context = options.domain.sampleContext(rng.fork('context'));
    const firstSpeaker: AgentIndex = i % 2 === 0 ? 0 : 1;
    const state = playDialogue(
      options.domain,
      context,
      [options.partner(rng.fork('partner')), agent(rng.fork('agent'))],
      firstSpeaker,
    );
    const outcome = state.outcome;
    if (outcome === null) {
      throw new Error('playDialogue returned an unfinished dialogue');
    }
    results.push({
      agent: outcome.scores[1],
      partner: outcome.scores[0],
      agreed: outcome.agreed,
      walkedAway: outcome.walkedAway,
    });
  }
  return results;
}

/** A Table 1 cell's statistics. Means over agreements are null when there is none. */
export interface CellStats {
  n: number;
  agreements: number;
  agentAll: number | null;
  partnerAll: number | null;
  jointAll: number | null;
  agentAgreed: number | null;
  partnerAgreed: number | null;
  jointAgreed: number | null;
  walkAwayRate: number | null;
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;

/** Means over every dialogue (no deal scores the BATNA) and over agreements; nulls, never NaN. */
export function cellStats(results: readonly DialogueResult[]): CellStats {
  const agreed = results.filter((r) => r.agreed);
  return {
    n: results.length,
    agreements: agreed.length,
    agentAll: mean(results.map((r) => r.agent)),
    partnerAll: mean(results.map((r) => r.partner)),
    jointAll: mean(results.map((r) => r.agent + r.partner)),
    agentAgreed: mean(agreed.map((r) => r.agent)),
    partnerAgreed: mean(agreed.map((r) => r.partner)),
    jointAgreed: mean(agreed.map((r) => r.agent + r.partner)),
    walkAwayRate: mean(results.map((r) => (r.walkedAway ? 1 : 0))),
  };
}
