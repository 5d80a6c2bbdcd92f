import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { fmt } from './fairness';
import type { NegotiationRecord } from './negotiationRecord';
import { acceptableAtDeadline } from './acceptanceRules';
import type { AstraOptions } from './options';

const tolerance = 1e-9;

/** What the walk-away rules read from the history. */
export interface WalkAwayEvidence {
  /** Partner turns since it last conceded (after its first offer). */
  stubbornTurns: number;
  /** Whether we conceded (lowered our own offer) during those turns: unreciprocated concessions. */
  unreciprocated: boolean;
  /** Partner offers worth less than BATNA to self. */
  offersBelowBatna: number;
}

/**
 * A partner turn concedes when it is an offer that gives us more, or leaves the partner less by
 * the IPP, than its previous offer; any other partner turn (a repeat, a greedier offer, a
 * question) does not. Counted from its first offer.
 */
export function walkAwayEvidence(
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  batna: number,
): WalkAwayEvidence {
  const offersBelowBatna = record.partnerOffers.filter(
    (o) => scoreOf(ownUtilities, o.ownShare) < batna - tolerance,
  ).length;
  const first = record.partnerOffers[0];
  if (first === undefined) {
    return { stubbornTurns: 0, unreciprocated: false, offersBelowBatna };
  }
  let previous = first;
  let stubbornTurns = 0;
  let since = first.turn;
  for (let turn = first.turn + 1; turn < record.turns.length; turn++) {
    if (record.turns[turn]?.speaker !== 'partner') {
      continue;
    }
    const offer = record.partnerOffers.find((o) => o.turn === turn);
    const conceded =
      offer !== undefined &&
      (scoreOf(ownUtilities, offer.ownShare) >
        scoreOf(ownUtilities, previous.ownShare) + tolerance ||
        scoreOf(partnerUtilities, offer.partnerShare) <
          scoreOf(partnerUtilities, previous.partnerShare) - tolerance);
    stubbornTurns = conceded ? 0 : stubbornTurns + 1;
    since = conceded ? turn : since;
    previous = offer ?? previous;
  }
  // Our offers since its last concession (with the one standing before it): did we come down?
  const ours = record.ownOffers.map((o) => ({
    turn: o.turn,
    score: scoreOf(ownUtilities, o.ownShare),
  }));
  const span = ours.filter((o, k) => o.turn > since || (ours[k + 1]?.turn ?? Infinity) > since);
  const unreciprocated = span.some(
    (o, k) => k > 0 && o.score < (span[k - 1]?.score ?? 0) - tolerance,
  );
  return { stubbornTurns, unreciprocated, offersBelowBatna };
}

/**
 * The walk-away rules (domains with walk-away only), or null to stay:
 * 1. after the warning, `offersBelowBatnaAfterWarning` more partner offers below BATNA;
 * 2. an impasse: `stubbornTurnsBeforeWalkaway` partner turns without a concession while we
 *    conceded (it does not reciprocate), our floor already at our reservation (we have nothing
 *    left to give), and a standing offer we would refuse even on our last turn. A partner that
 *    concedes with time (Boulware) looks stubborn for most of the dialogue and only moves near the
 *    deadline, so stubbornness alone is not a reason to leave while we are still conceding.
 */
export function walkAwayRule(
  domain: Domain,
  evidence: WalkAwayEvidence,
  standingOffer: { own: number; partner: number } | null,
  atReservation: boolean,
  options: AstraOptions,
): { rule: 'walkAwayBelowBatna' | 'walkAwayStubbornPartner'; reason: string } | null {
  if (!domain.supportsWalkaway) {
    return null;
  }
  if (evidence.offersBelowBatna >= 1 + options.offersBelowBatnaAfterWarning) {
    return {
      rule: 'walkAwayBelowBatna',
      reason: `${evidence.offersBelowBatna - 1} more offers below our BATNA ${domain.batna} after the warning`,
    };
  }
  if (
    options.walkAway === 'noConcession' &&
    evidence.stubbornTurns >= options.stubbornTurnsBeforeWalkaway
  ) {
    return {
      rule: 'walkAwayStubbornPartner',
      reason: `${evidence.stubbornTurns} partner turns without a concession (the paper's rule)`,
    };
  }
  if (
    standingOffer !== null &&
    evidence.stubbornTurns >= options.stubbornTurnsBeforeWalkaway &&
    evidence.unreciprocated &&
    atReservation &&
    !acceptableAtDeadline(domain, standingOffer.own, standingOffer.partner, options)
  ) {
    return {
      rule: 'walkAwayStubbornPartner',
      reason: `an impasse: ${evidence.stubbornTurns} partner turns without a concession while we conceded down to our reservation, and its offer (ours ${fmt(standingOffer.own)}, its ~${fmt(standingOffer.partner)}) is one we would refuse even on our last turn`,
    };
  }
  return null;
}
