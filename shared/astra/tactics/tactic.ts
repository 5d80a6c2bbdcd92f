import type { Candidate } from '../candidates';
import type { Fairness } from '../fairness';
import type { Stance } from '../types';

export type TacticId =
  | 'aggressiveEarlyOffer'
  | 'matchExtremeDemands'
  | 'holdFirmWhenPartnerHoldsFirm'
  | 'holdWhenPartnerGotGreedier'
  | 'initialGenerousConcession'
  | 'smallerFollowUpConcession'
  | 'reciprocalConcession'
  | 'logrolling'
  | 'fairnessRestoringAdjustment';

/** What the tactic rules read: the situation, not any one candidate. */
export interface TacticContext {
  /** The domain's maximum score (both sides' scores are on this scale). */
  maxScore: number;
  /** The fair gap (fairGapShare × maxScore). */
  allowedGap: number;
  /** The first concession's target size (at least one step of own score). */
  initialConcession: number;
  /** The smallest step own scores move in (gcd of own utilities): concession targets round to it. */
  scoreStep: number;
  stance: Stance;
  fairness: Fairness;
  /** How many offers self has made. */
  ownOfferCount: number;
  /** Own score of self's latest offer, or null. */
  ownLastScore: number | null;
  /** The partner's IPP score under self's latest offer, or null. */
  ownLastPartnerScore: number | null;
  /** Own-score drops between self's consecutive offers (positive = conceded). */
  ownConcessions: number[];
  /** The partner's IPP scores under its offers, oldest first. */
  partnerScores: number[];
  /** Whether the IPP's most wanted item differs from self's (something to trade). */
  prioritiesDiffer: boolean;
  /** Whether the IPP rests on the partner's behaviour rather than the prior alone. */
  ippHasEvidence: boolean;
  /** Own + partner score range over the candidate set, for efficiency. */
  jointRange: { min: number; max: number };
}

export interface Tactic {
  id: TacticId;
  group: 'competitive' | 'collaborative';
  /** When the tactic is used, in words. */
  when: string;
  /** What an offer following it looks like, in words. */
  how: string;
  /** Why it applies now, or null when it does not. */
  applies(context: TacticContext): string | null;
  /** How well a candidate carries the tactic out, 0–1. */
  fit(candidate: Candidate, context: TacticContext): number;
}

/** What self gives up with this candidate against its latest offer (or against its maximum). */
export function concessionOf(candidate: Candidate, context: TacticContext): number {
  return (context.ownLastScore ?? context.maxScore) - candidate.ownScore;
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The partner's latest change of its own score (positive = it conceded), or null. */
export function partnerConcession(context: TacticContext): number | null {
  const [before, after] = context.partnerScores.slice(-2);
  return before === undefined || after === undefined ? null : before - after;
}
