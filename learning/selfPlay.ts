import type { AgentIndex, Context } from '../shared/domain/types';
import { playBatch, type PlayedDialogue } from './batchedPlay';
import type { Policy } from './policyNetwork';

export interface SelfPlayOptions {
  seed: number | string;
  /** Sampling temperature of the acts (1 = the policy's own distribution). */
  temperature?: number;
  /** Who opens each dialogue: a fixed agent, or alternating by dialogue index (default). */
  firstSpeaker?: AgentIndex | 'alternate';
}

export type SelfPlayDialogue = PlayedDialogue;

/**
 * Batched self-play between two policies (they may be the same one): agent 0 plays
 * `policies[0]`, agent 1 `policies[1]`. Records, for every act, its speaker's log-probability
 * (for RL) and its listener's (for novelty). Deterministic for a seed.
 */
export function selfPlay(
  policies: readonly [Policy, Policy],
  contexts: readonly Context[],
  options: SelfPlayOptions,
): Promise<SelfPlayDialogue[]> {
  const opener = (i: number): AgentIndex =>
    options.firstSpeaker === undefined || options.firstSpeaker === 'alternate'
      ? ((i % 2) as AgentIndex)
      : options.firstSpeaker;
  return playBatch(
    [{ policy: policies[0] }, { policy: policies[1] }],
    contexts.map((context, i) => ({ context, firstSpeaker: opener(i) })),
    {
      seed: options.seed,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    },
  );
}
