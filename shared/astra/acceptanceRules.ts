import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import type { ConcessionSchedule } from './concession';
import type { DecisionRule } from './decisionRule';
import { fmt } from './fairness';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';
import type { ScoredCandidate } from './selection';

const tolerance = 1e-9;

/**
 * The acceptance rules, in order, or null to go on: (1) the offer is worth at least what we would
 * ask for now (so at least our concession floor) and does not leave the partner far ahead; (2) at
 * our final offer or last turn, it is an even-or-better split by the IPP (a sure even deal beats
 * gambling on our final offer); (3) on our last turn, it beats no deal and is not lopsided.
 */
export function acceptance(
  domain: Domain,
  offer: { own: number; partner: number },
  chosen: ScoredCandidate | null,
  ownUtilities: readonly number[],
  record: NegotiationRecord,
  schedule: ConcessionSchedule,
  options: AstraOptions,
): { rule: DecisionRule; reason: string } | null {
  const ownLatest = latest(record.ownOffers);
  const latestScore = ownLatest === null ? null : scoreOf(ownUtilities, ownLatest.ownShare);
  // The paper (§2.2) compares with our most recent offer; Parley with what we would ask for now.
  const ask =
    options.acceptAtLeast === 'latestOffer' ? latestScore : (chosen?.ownScore ?? latestScore);
  const gives = `the partner's offer gives us ${fmt(offer.own)} (it gets ~${fmt(offer.partner)})`;
  if (
    ask !== null &&
    offer.own >= domain.batna &&
    offer.own >= ask - tolerance &&
    withinPartnerLead(domain, offer.own, offer.partner, options)
  ) {
    return {
      rule: 'acceptOfferAtLeastOurs',
      reason: `${gives}, at least the ${fmt(ask)} ${options.acceptAtLeast === 'latestOffer' ? 'of our most recent offer' : 'we would ask for now'}`,
    };
  }
  if (
    (schedule.finalOffer || schedule.lastTurn) &&
    offer.own > domain.batna &&
    offer.own >= offer.partner - tolerance
  ) {
    return {
      rule: 'acceptEvenSplitAtEnd',
      reason: `${gives}: even or better for us, and taking it beats gambling on our final offer`,
    };
  }
  if (
    options.deadlineAcceptance &&
    schedule.lastTurn &&
    acceptableAtDeadline(domain, offer.own, offer.partner, options)
  ) {
    return {
      rule: 'acceptAtDeadline',
      reason: `${gives}; this is our last turn and it beats no deal (${domain.batna}) without leaving the partner more than ${fmt(options.maxPartnerLeadShare * domain.maxScore)} ahead`,
    };
  }
  return null;
}

/**
 * Whether we would take this deal on our last turn: above BATNA, and the partner (by the IPP) not
 * ahead of us by more than `maxPartnerLeadShare` of the maximum — something beats nothing, but a
 * lopsided ultimatum is refused (inequity aversion).
 */
export function acceptableAtDeadline(
  domain: Domain,
  own: number,
  partner: number,
  options: AstraOptions,
): boolean {
  return own > domain.batna && withinPartnerLead(domain, own, partner, options);
}

/** The partner (by the IPP) is ahead of us by at most `maxPartnerLeadShare` of the maximum. */
export function withinPartnerLead(
  domain: Domain,
  own: number,
  partner: number,
  options: AstraOptions,
): boolean {
  return partner - own <= options.maxPartnerLeadShare * domain.maxScore + tolerance;
}
