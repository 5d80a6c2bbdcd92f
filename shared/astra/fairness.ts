import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { FairnessVerdict } from './types';

export interface Fairness {
  verdict: FairnessVerdict;
  /** Own score under the partner's latest offer (null with no offer). */
  ownScore: number | null;
  /** The partner's score under its latest offer, by the IPP (null with no offer). */
  partnerScore: number | null;
  /** The largest |own − partner| that is still fair: fairGapShare × the domain's maximum. */
  allowedGap: number;
  /** The partner's score must stay below half the maximum plus the allowed gap. */
  partnerLevel: number;
  reason: string;
}

/**
 * Fairness of the partner's latest offer: fair iff the scores are within the allowed gap, the
 * partner's score is below the level set from half the maximum score, and the partner does not
 * get more than self; unfair otherwise; unknown before the partner has offered.
 */
export function assessFairness(
  domain: Domain,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  fairGapShare: number,
): Fairness {
  const allowedGap = fairGapShare * domain.maxScore;
  const partnerLevel = domain.maxScore / 2 + allowedGap;
  const offer = latest(record.partnerOffers);
  if (offer === null) {
    return {
      verdict: 'unknown',
      ownScore: null,
      partnerScore: null,
      allowedGap,
      partnerLevel,
      reason: 'the partner has made no offer yet',
    };
  }
  const own = scoreOf(ownUtilities, offer.ownShare);
  const partner = scoreOf(partnerUtilities, offer.partnerShare);
  const problems: string[] = [];
  if (Math.abs(own - partner) > allowedGap) {
    problems.push(`the gap ${fmt(Math.abs(own - partner))} exceeds ${fmt(allowedGap)}`);
  }
  if (partner >= partnerLevel) {
    problems.push(`the partner's ${fmt(partner)} is not below ${fmt(partnerLevel)}`);
  }
  if (partner > own) {
    problems.push(`the partner's ${fmt(partner)} exceeds our ${fmt(own)}`);
  }
  return {
    verdict: problems.length === 0 ? 'fair' : 'unfair',
    ownScore: own,
    partnerScore: partner,
    allowedGap,
    partnerLevel,
    reason:
      problems.length === 0
        ? `ours ${fmt(own)} vs the partner's ${fmt(partner)}: within ${fmt(allowedGap)}, the partner below ${fmt(partnerLevel)} and not ahead`
        : problems.join('; '),
  };
}

/** Scores rounded for explanations (IPP scores are real numbers). */
export function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
