import { allocationsEqual } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { isOffer } from '../dialogue/acts';
import { fmt } from './fairness';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';
import { nextStatement, shouldAskPreferences, type OwnStatement } from './preferences';
import type { ScoredCandidate } from './selection';

export type AstraAction =
  'propose' | 'accept' | 'walkaway' | 'end' | 'statePreference' | 'askPreference';

export type DecisionRule =
  | 'partnerAgreed'
  | 'answerPreferenceQuestion'
  | 'acceptOfferAtLeastOurs'
  | 'acceptAtDeadline'
  | 'walkAwayStubbornPartner'
  | 'walkAwayBelowBatna'
  | 'warnBelowBatna'
  | 'askPartnerPreferences'
  | 'proposeSelectedOffer'
  | 'repeatLatestOffer'
  | 'noOfferPossible';

export interface Decision {
  action: AstraAction;
  rule: DecisionRule;
  reason: string;
  /** Set when the partner's latest offer is below BATNA for the first time: the warning. */
  warning: string | null;
  /** The preference we state (action statePreference), else null. */
  statement: OwnStatement | null;
  /** Partner turns since its last concession (after its first offer). */
  stubbornTurns: number;
  /** Partner offers worth less than BATNA to self. */
  offersBelowBatna: number;
}

const tolerance = 1e-9;

/**
 * The decision rules, in order: end after the partner agreed to our offer; answer its question
 * about our preferences truthfully; accept an offer worth
 * at least what we would ask for now (so at least our latest offer); on our last turn, accept
 * anything above BATNA; walk away (where the domain allows it) after `stubbornTurnsBeforeWalkaway`
 * partner turns without concession while its standing offer is below half the maximum, or after
 * `offersBelowBatnaAfterWarning` offers below BATNA following the warning (stated as our top
 * priority where the domain has statements); ask about the partner's priorities rather than repeat
 * our offer; otherwise propose the selected candidate (or repeat our latest offer).
 */
export function decide(
  domain: Domain,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  chosen: ScoredCandidate | null,
  options: AstraOptions,
): Decision {
  const last = record.turns.at(-1);
  const partnerOffer = latest(record.partnerOffers);
  const ownLatest = latest(record.ownOffers);
  const offerOwnScore = partnerOffer === null ? null : scoreOf(ownUtilities, partnerOffer.ownShare);
  const stubbornTurns = countStubbornTurns(record, ownUtilities, partnerUtilities);
  const belowBatna = record.partnerOffers.filter(
    (o) => scoreOf(ownUtilities, o.ownShare) < domain.batna - tolerance,
  ).length;
  const base = { warning: null, statement: null, stubbornTurns, offersBelowBatna: belowBatna };
  if (last?.speaker === 'partner' && last.act.type === 'agree' && ownLatest !== null) {
    return {
      ...base,
      action: 'end',
      rule: 'partnerAgreed',
      reason: 'the partner agreed to our offer',
    };
  }
  const answer = domain.supportsPreferences ? nextStatement(record, ownUtilities) : null;
  if (last?.speaker === 'partner' && last.act.type === 'askPreference' && answer !== null) {
    return {
      ...base,
      statement: answer,
      action: 'statePreference',
      rule: 'answerPreferenceQuestion',
      reason: 'the partner asked about our preferences; we answer truthfully',
    };
  }
  const canAnswer = last?.speaker === 'partner' && isOffer(last.act) && offerOwnScore !== null;
  if (canAnswer && offerOwnScore >= domain.batna) {
    const ask =
      chosen?.ownScore ?? (ownLatest === null ? null : scoreOf(ownUtilities, ownLatest.ownShare));
    if (ask !== null && offerOwnScore >= ask - tolerance) {
      return {
        ...base,
        action: 'accept',
        rule: 'acceptOfferAtLeastOurs',
        reason: `the partner's offer gives us ${fmt(offerOwnScore)}, at least the ${fmt(ask)} we would ask for`,
      };
    }
    if (
      options.deadlineAcceptance &&
      record.turns.length + 1 >= domain.maxTurns &&
      offerOwnScore > domain.batna
    ) {
      return {
        ...base,
        action: 'accept',
        rule: 'acceptAtDeadline',
        reason: `this is our last turn and the offer's ${fmt(offerOwnScore)} beats no deal (${domain.batna})`,
      };
    }
  }
  if (domain.supportsWalkaway) {
    if (belowBatna >= 1 + options.offersBelowBatnaAfterWarning) {
      return {
        ...base,
        action: 'walkaway',
        rule: 'walkAwayBelowBatna',
        reason: `${belowBatna - 1} more offers below our BATNA ${domain.batna} after the warning`,
      };
    }
    const standingOffer = offerOwnScore ?? 0;
    if (
      stubbornTurns >= options.stubbornTurnsBeforeWalkaway &&
      standingOffer < options.stubbornWalkawayBelowShare * domain.maxScore
    ) {
      return {
        ...base,
        action: 'walkaway',
        rule: 'walkAwayStubbornPartner',
        reason: `${stubbornTurns} partner turns without a concession, and its offer gives us only ${fmt(standingOffer)}`,
      };
    }
  }
  const warning =
    belowBatna === 1 && offerOwnScore !== null && offerOwnScore < domain.batna - tolerance
      ? `the partner's offer gives us ${fmt(offerOwnScore)}, below our BATNA ${domain.batna}: ${options.offersBelowBatnaAfterWarning} more such offers and we walk away`
      : null;
  // Our final offer (the partner can answer it, we cannot offer again) is always an offer.
  const offerTurn = record.turns.length < domain.maxTurns - 3;
  if (warning !== null && domain.supportsWalkaway && answer !== null && offerTurn) {
    return {
      ...base,
      warning,
      statement: answer,
      action: 'statePreference',
      rule: 'warnBelowBatna',
      reason: 'we warn the partner by telling it what we need most',
    };
  }
  if (chosen !== null) {
    const repeats = ownLatest !== null && allocationsEqual(ownLatest.ownShare, chosen.allocation);
    if (
      repeats &&
      domain.supportsPreferences &&
      offerTurn &&
      shouldAskPreferences(record, record.counts.length)
    ) {
      return {
        ...base,
        warning,
        action: 'askPreference',
        rule: 'askPartnerPreferences',
        reason:
          'we would only repeat our offer, and the partner has not told us enough of its priorities',
      };
    }
    return {
      ...base,
      warning,
      action: 'propose',
      rule: 'proposeSelectedOffer',
      reason: repeats ? 'the selected offer repeats our latest one' : 'the selected offer is new',
    };
  }
  return ownLatest !== null
    ? {
        ...base,
        warning,
        action: 'propose',
        rule: 'repeatLatestOffer',
        reason: 'no candidate is feasible; we repeat our latest offer',
      }
    : {
        ...base,
        warning,
        action: domain.supportsWalkaway ? 'walkaway' : 'end',
        rule: 'noOfferPossible',
        reason: 'no offer satisfies both BATNAs',
      };
}

/**
 * Partner turns since it last conceded, counted after its first offer: a turn concedes when it
 * is an offer that gives us more, or leaves the partner less by the IPP, than its previous offer.
 */
export function countStubbornTurns(
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
): number {
  const first = record.partnerOffers[0];
  if (first === undefined) {
    return 0;
  }
  let previous = first;
  let count = 0;
  for (let turn = first.turn + 1; turn < record.turns.length; turn++) {
    if (record.turns[turn]?.speaker !== 'partner') {
      continue;
    }
    const offer = record.partnerOffers.find((o) => o.turn === turn);
    if (offer === undefined) {
      count++;
      continue;
    }
    const conceded =
      scoreOf(ownUtilities, offer.ownShare) >
        scoreOf(ownUtilities, previous.ownShare) + tolerance ||
      scoreOf(partnerUtilities, offer.partnerShare) <
        scoreOf(partnerUtilities, previous.partnerShare) - tolerance;
    count = conceded ? 0 : count + 1;
    previous = offer;
  }
  return count;
}
