import { scoreOf } from '../domain/scoring';
import { latest, type NegotiationRecord } from './negotiationRecord';

export interface AcceptanceEstimate {
  /** Partner acceptance probability, 0–1. */
  pap: number;
  /** The partner's IPP score as a share of its best outcome. */
  scoreShare: number;
  /** How far the offer moves from our latest offer toward the partner's best outcome, 0–1. */
  movement: number;
}

/**
 * PAP, estimated from the partner's side under the IPP: its total score (as a share of its best
 * outcome) weighted `scoreWeight`, and how much the offer moves toward its best outcome relative
 * to what our latest offer gave it (the rest). Before we have offered, movement is measured from
 * nothing (a score of 0), so it equals the score share.
 */
export function partnerAcceptance(
  record: NegotiationRecord,
  partnerUtilities: readonly number[],
  partnerShare: readonly number[],
  scoreWeight: number,
): AcceptanceEstimate {
  const best = scoreOf(partnerUtilities, record.counts);
  const score = scoreOf(partnerUtilities, partnerShare);
  const previous = latest(record.ownOffers);
  const reference = previous === null ? 0 : scoreOf(partnerUtilities, previous.partnerShare);
  const scoreShare = best > 0 ? clamp(score / best) : 0;
  const movement =
    best > reference ? clamp((score - reference) / (best - reference)) : score >= reference ? 1 : 0;
  return { pap: scoreWeight * scoreShare + (1 - scoreWeight) * movement, scoreShare, movement };
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
