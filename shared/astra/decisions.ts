import { allocationsEqual } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { isOffer } from '../dialogue/acts';
import type { ConcessionSchedule } from './concession';
import { fmt } from './fairness';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';
import { nextStatement, shouldAskPreferences, type OwnStatement } from './preferences';
import type { ScoredCandidate } from './selection';
import { acceptance } from './acceptanceRules';
import type { DecisionRule } from './decisionRule';
import { walkAwayEvidence, walkAwayRule } from './walkAway';

export type { DecisionRule } from './decisionRule';

export type AstraAction =
  'propose' | 'accept' | 'walkaway' | 'end' | 'statePreference' | 'askPreference';

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
 * The decision rules, in order (README.md): end after the partner agreed; answer its question;
 * accept (acceptanceRules.ts); walk away (walkAway.ts); warn at the first offer below BATNA by
 * stating what we need; ask about the partner's priorities rather than repeat our offer; otherwise
 * propose the selected candidate. Our final offer is always an offer: no warning, no question.
 */
export function decide(
  domain: Domain,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  chosen: ScoredCandidate | null,
  schedule: ConcessionSchedule,
  options: AstraOptions,
): Decision {
  const last = record.turns.at(-1);
  const partnerOffer = latest(record.partnerOffers);
  const ownLatest = latest(record.ownOffers);
  const evidence = walkAwayEvidence(record, ownUtilities, partnerUtilities, domain.batna);
  const base = {
    warning: null,
    statement: null,
    stubbornTurns: evidence.stubbornTurns,
    offersBelowBatna: evidence.offersBelowBatna,
  };
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
  const standing =
    partnerOffer === null
      ? null
      : {
          own: scoreOf(ownUtilities, partnerOffer.ownShare),
          partner: scoreOf(partnerUtilities, partnerOffer.partnerShare),
        };
  if (last?.speaker === 'partner' && isOffer(last.act) && standing !== null) {
    const accept = acceptance(domain, standing, chosen, ownUtilities, record, schedule, options);
    if (accept !== null) {
      return { ...base, action: 'accept', ...accept };
    }
  }
  const atReservation = schedule.target <= schedule.reservation + tolerance;
  const walk = walkAwayRule(domain, evidence, standing, atReservation, options);
  if (walk !== null) {
    return { ...base, action: 'walkaway', ...walk };
  }
  const warning =
    evidence.offersBelowBatna === 1 && standing !== null && standing.own < domain.batna - tolerance
      ? `the partner's offer gives us ${fmt(standing.own)}, below our BATNA ${domain.batna}: ${options.offersBelowBatnaAfterWarning} more such offers and we walk away`
      : null;
  const offerTurn = !schedule.finalOffer && !schedule.lastTurn;
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
  if (
    options.askBeforeOpening &&
    domain.supportsPreferences &&
    offerTurn &&
    ownLatest === null &&
    knowsNothingOfPartner(record)
  ) {
    return {
      ...base,
      warning,
      action: 'askPreference',
      rule: 'askBeforeOpening',
      reason:
        'before our opening offer, nothing is known of the partner’s priorities: we ask (the paper’s §2.2)',
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

/** No partner offer, no partner statement, and we have not asked yet (we ask once). */
function knowsNothingOfPartner(record: NegotiationRecord): boolean {
  return (
    record.partnerOffers.length === 0 &&
    record.partnerStatements.length === 0 &&
    !record.turns.some((t) => t.speaker === 'self' && t.act.type === 'askPreference')
  );
}
