import { scoreOf } from '../domain/scoring';
import type { NegotiationRecord } from './negotiationRecord';
import { fmt } from './fairness';
import type { Stance } from './types';

export interface StanceAssessment {
  stance: Stance;
  /** The partner's own (IPP) score under each of its offers, oldest first. */
  partnerScores: number[];
  reason: string;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9;

/**
 * The partner's stance from its own (IPP) score across its two latest offers: it fell →
 * generous, rose → greedy, unchanged → neutral — except unchanged over its three latest offers,
 * which is greedy (holding out) unless `holdoutIsGreedy` is off (the paper's reading: no change is
 * neutral). Fewer than two offers → neutral.
 */
export function assessStance(
  record: NegotiationRecord,
  partnerUtilities: readonly number[],
  holdoutIsGreedy = true,
): StanceAssessment {
  const partnerScores = record.partnerOffers.map((o) => scoreOf(partnerUtilities, o.partnerShare));
  const [a, b, c] = partnerScores.slice(-3).reverse();
  if (a === undefined || b === undefined) {
    return { stance: 'neutral', partnerScores, reason: 'fewer than two partner offers' };
  }
  if (a < b && !same(a, b)) {
    return {
      stance: 'generous',
      partnerScores,
      reason: `the partner's own score fell from ${fmt(b)} to ${fmt(a)}`,
    };
  }
  if (a > b && !same(a, b)) {
    return {
      stance: 'greedy',
      partnerScores,
      reason: `the partner's own score rose from ${fmt(b)} to ${fmt(a)}`,
    };
  }
  if (holdoutIsGreedy && c !== undefined && same(b, c)) {
    return {
      stance: 'greedy',
      partnerScores,
      reason: `the partner's own score stayed at ${fmt(a)} over its three latest offers`,
    };
  }
  return {
    stance: 'neutral',
    partnerScores,
    reason: `the partner's own score stayed at ${fmt(a)}`,
  };
}
