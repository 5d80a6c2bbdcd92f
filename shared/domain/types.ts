import type { Rng } from '../random/rng';

export type DomainId = 'dealornodeal' | 'casino';

/** The two seats of a negotiation: 0 is Alice (or "YOU"), 1 is Bob (or "THEM"). */
export type AgentIndex = 0 | 1;

export interface ItemType {
  id: string;
  singular: string;
  plural: string;
}

/**
 * What each agent gets to see: item counts (shared) and both agents' utilities per unit.
 * `utilities[a][i]` is agent a's value for one unit of item i.
 */
export interface Context {
  counts: number[];
  utilities: [number[], number[]];
}

/** An allocation: how many units of each item type one agent takes. The partner gets the rest. */
export type Allocation = number[];

/**
 * A negotiation domain: items, how contexts are drawn, what no deal is worth, and its limits.
 * Everything else (acts, scoring, ASTRA, models) works for any domain through this interface.
 */
export interface Domain {
  id: DomainId;
  name: string;
  items: readonly ItemType[];
  /** The most units of one item type any context of this domain has (sizes the act vocabulary). */
  maxCountPerItem: number;
  /** Each agent's best possible score (Σ count·utility). */
  maxScore: number;
  /** What each agent gets without a deal (DealOrNoDeal: 0; CaSiNo: 5 for walking away). */
  batna: number;
  /** Dialogue turn limit (acts, both agents together). */
  maxTurns: number;
  /** Whether agents may walk away and talk about preferences (multi-issue bargaining). */
  supportsWalkaway: boolean;
  supportsPreferences: boolean;
  /** Draws a context; the same Rng state gives the same context on every machine. */
  sampleContext(rng: Rng): Context;
  /** Every constraint a context of this domain must satisfy, as messages; empty when valid. */
  validateContext(context: Context): string[];
}
