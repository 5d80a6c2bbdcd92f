import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { NegotiatorFactory } from '../../shared/agents/negotiator';
import { playDialogue } from '../../shared/agents/playDialogue';
import { astraFactory } from '../../shared/astra/astraNegotiator';
import type { AstraOptionsInput } from '../../shared/astra/options';
import type { Outcome } from '../../shared/dialogue/outcome';
import type { AgentIndex, Context, Domain } from '../../shared/domain/types';
import { createRng, type Rng } from '../../shared/random/rng';

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

/** Seed k of a run seeded `seed`: "seed", "seed+1", … (each plays its own contexts and partners). */
export function seedName(seed: string, k: number): string {
  return k === 0 ? seed : `${seed}+${k}`;
}

/**
 * Dialogue `i` of a cell seeded `seed`: its context, who speaks first (alternating) and the
 * partner's randomness. Every agent of a cell (ASTRA, without ASTRA, an α/β setting, the RL
 * baseline) meets these, so rows differ by the agent only.
 */
export function cellDialogue(
  domain: Domain,
  seed: string,
  i: number,
): { context: Context; firstSpeaker: AgentIndex; partnerRng: Rng; agentRng: Rng } {
  const rng = createRng(seed).fork(i);
  return {
    context: domain.sampleContext(rng.fork('context')),
    firstSpeaker: i % 2 === 0 ? 0 : 1,
    partnerRng: rng.fork('partner'),
    agentRng: rng.fork('agent'),
  };
}

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
  const agent = astraFactory(options.astraOptions);
  const results: DialogueResult[] = [];
  for (let i = 0; i < options.dialogues; i++) {
    const { context, firstSpeaker, partnerRng, agentRng } = cellDialogue(
      options.domain,
      options.seed,
      i,
    );
    const state = playDialogue(
      options.domain,
      context,
      [options.partner(partnerRng), agent(agentRng)],
      firstSpeaker,
    );
    results.push(resultOf(state.outcome));
  }
  return results;
}

/** A finished dialogue from the agent's seat (Bob's, agent 1) and its partner's (agent 0). */
export function resultOf(outcome: Outcome | null): DialogueResult {
  if (outcome === null) {
    throw new Error('the dialogue did not finish');
  }
  return {
    agent: outcome.scores[1],
    partner: outcome.scores[0],
    agreed: outcome.agreed,
    walkedAway: outcome.walkedAway,
  };
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

/** The mean, or null for no values (never NaN). */
export const mean = (xs: readonly number[]) =>
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
