import { complement, enumerateAllocations } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { fmt } from './fairness';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';

/**
 * ASTRA's own concession schedule: the least own score it offers at this turn. The paper's
 * Tit-for-Tat sets λ and caps offers at the latest one but not how fast to come down; conceding a
 * fixed amount per turn loses to partners that concede with time, since they simply wait. So the
 * floor follows a Boulware curve from the opening down to the reservation, reached at our final
 * offer — never faster than the deadline requires.
 */
export interface ConcessionSchedule {
  /** τ in [0, 1]: this turn's place between the first turn and our final offer. */
  progress: number;
  /** Own score of our opening offer, or before it our best that leaves the partner its BATNA. */
  opening: number;
  /** Own score of the fair split most favourable to us (see `scoreLevels`). */
  reservation: number;
  /** The floor now: reservation + (opening − reservation)(1 − τ^(1/e)), never above our latest offer. */
  target: number;
  /** Our last offer the partner can still answer. */
  finalOffer: boolean;
  /** Our last turn: no offer of ours can be answered any more, only accepting remains. */
  lastTurn: boolean;
  reason: string;
}

/**
 * The schedule at `self`'s turn (= the history's length). Our final offer is at turn
 * maxTurns − 3 or maxTurns − 2 (the partner answers at the next turn, and we have no later
 * offering turn), so τ = turn / (maxTurns − 3), capped at 1: the floor reaches the reservation
 * there whoever spoke first.
 */
export function concessionSchedule(
  domain: Domain,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  options: AstraOptions,
): ConcessionSchedule {
  const turn = record.turns.length;
  const finalOfferTurn = Math.max(1, domain.maxTurns - 3);
  const progress = Math.min(1, turn / finalOfferTurn);
  const levels = scoreLevels(
    domain,
    record.counts,
    ownUtilities,
    partnerUtilities,
    options.fairGapShare * domain.maxScore,
  );
  const first = record.ownOffers[0];
  const previous = latest(record.ownOffers);
  const cap = previous === null ? levels.best : scoreOf(ownUtilities, previous.ownShare);
  // The IPP may learn that our opening leaves the partner below its BATNA: never aim above the
  // best offer it can still accept.
  const opening = Math.min(
    levels.best,
    first === undefined ? levels.best : scoreOf(ownUtilities, first.ownShare),
  );
  const reservation = Math.min(opening, levels.fairSplit);
  const curve = 1 - Math.pow(progress, 1 / options.concessionExponent);
  const target = Math.min(cap, reservation + (opening - reservation) * curve);
  const lastTurn = turn >= domain.maxTurns - 1;
  const finalOffer = !lastTurn && turn >= finalOfferTurn;
  return {
    progress,
    opening,
    reservation,
    target,
    finalOffer,
    lastTurn,
    reason:
      `τ = ${fmt(progress)}: floor ${fmt(target)}, from our opening ${fmt(opening)} down to our ` +
      `reservation ${fmt(reservation)} (the fair split most favourable to us by the IPP)` +
      (finalOffer ? '; this is our final offer' : lastTurn ? '; this is our last turn' : ''),
  };
}

/**
 * Over the allocations leaving both sides at least BATNA (the partner by the IPP): our best own
 * score, and the reservation — the fair split most favourable to us: the split maximising
 * min(own − lead, partner), ties to more own score (leximin once we are granted `lead`, the fair
 * gap). It never gives up own score the partner would not gain, and the lead absorbs the IPP's
 * errors, which otherwise favour the partner (it accepts exactly the offers whose worth to it we
 * underestimated). Scripted time-dependent partners settle for half their best, below it.
 */
export function scoreLevels(
  domain: Domain,
  counts: readonly number[],
  ownUtilities: readonly number[],
  partnerUtilities: readonly number[],
  lead: number,
): { best: number; fairSplit: number } {
  let best = domain.batna;
  let fair = { low: -Infinity, own: domain.batna };
  for (const allocation of enumerateAllocations(counts)) {
    const own = scoreOf(ownUtilities, allocation);
    const partner = scoreOf(partnerUtilities, complement(counts, allocation));
    if (own < domain.batna || partner < domain.batna - 1e-9) {
      continue;
    }
    best = Math.max(best, own);
    const low = Math.min(own - lead, partner);
    if (low > fair.low + 1e-9 || (Math.abs(low - fair.low) <= 1e-9 && own > fair.own)) {
      fair = { low, own };
    }
  }
  return { best, fairSplit: fair.own };
}
