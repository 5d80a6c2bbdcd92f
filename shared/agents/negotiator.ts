import type { Act } from '../dialogue/acts';
import type { Turn } from '../dialogue/dialogue';
import type { AgentIndex, Allocation, Domain } from '../domain/types';
import type { Rng } from '../random/rng';

/** What one agent may know during a negotiation: never the partner's utilities. */
export interface NegotiatorView {
  domain: Domain;
  counts: readonly number[];
  /** This agent's own utilities. */
  utilities: readonly number[];
  me: AgentIndex;
  /** Every act so far, both sides'. */
  turns: readonly Turn[];
}

/**
 * An agent that negotiates: scripted, ASTRA, a learned policy, or a human behind a socket.
 * One instance plays one dialogue (it may keep state between calls); `act` is asked only on
 * its turn and must return a legal act; `select` is asked once the acts are over.
 */
export interface Negotiator {
  readonly name: string;
  act(view: NegotiatorView): Act;
  select(view: NegotiatorView): Allocation | null;
}

/** Makes a fresh negotiator for one dialogue, with its own seeded randomness. */
export type NegotiatorFactory = (rng: Rng) => Negotiator;
