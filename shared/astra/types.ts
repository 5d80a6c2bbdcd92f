import type { Act, PriorityLevel } from '../dialogue/acts';
import type { Allocation, DomainId } from '../domain/types';
import type { AstraOptionsInput } from './options';

/** Who said something, from the suggesting agent's point of view ("own" is always `self`). */
export type Speaker = 'self' | 'partner';

export interface AstraTurn {
  speaker: Speaker;
  act: Act;
}

/**
 * Everything `suggest` reads: a plain, serialisable object. The partner's utilities are not
 * here — ASTRA never knows them, it infers them (IPP).
 */
export interface AstraState {
  domain: DomainId;
  counts: readonly number[];
  /** Own utilities per unit. */
  utilities: readonly number[];
  /** Every act so far, oldest first; it is `self`'s turn next. */
  history: readonly AstraTurn[];
  options?: AstraOptionsInput;
}

export type Stance = 'generous' | 'neutral' | 'greedy';
export type FairnessVerdict = 'fair' | 'unfair' | 'unknown';

/** One offer of the history, seen from both sides. */
export interface OfferRecord {
  /** Index of the turn in the history. */
  turn: number;
  speaker: Speaker;
  /** What self gets under this offer. */
  ownShare: Allocation;
  /** What the partner gets under this offer. */
  partnerShare: Allocation;
}

export interface PreferenceStatement {
  turn: number;
  item: number;
  priority: PriorityLevel;
}
