import { lastOffer } from '../../dialogue/actRules';
import { isOffer, type Act } from '../../dialogue/acts';
import { agreedShare } from '../../dialogue/agreement';
import { allocationsEqual, complement } from '../../domain/allocation';
import { scoreOf } from '../../domain/scoring';
import type { Rng } from '../../random/rng';
import type { Negotiator, NegotiatorView } from '../negotiator';
import { estimatePartnerUtilities } from '../opponentModel';
import { chooseOffer, offerSpace, partnerValue, type OfferSpace } from './offers';

/** What a strategy knows when it decides, computed once per turn. */
export interface Situation {
  view: NegotiatorView;
  /** Time t in [0, 1]: 0 at the first act, 1 at the last act the turn limit allows. */
  progress: number;
  space: OfferSpace;
  /**
   * My best score among offers that leave the partner more than its BATNA by the opponent model
   * (my best score if none does): a sensible opening, since a partner offered less walks away.
   */
  bestDeal: number;
  /** The opponent model's estimate of the partner's per-unit values. */
  partnerUtilities: readonly number[];
  /** What each of the partner's offers so far would give me, in order. */
  partnerOfferValues: readonly number[];
  /** How many offers I have made. */
  myOffers: number;
  rng: Rng;
}

/** The part that differs between scripted negotiators: what to ask for, and what to accept. */
export interface ConcessionStrategy {
  /** Whether to agree to the partner's offer, which leaves me `partnerShare`'s complement worth `value`. */
  accepts: (value: number, partnerShare: readonly number[], situation: Situation) => boolean;
  /** The allocation (my share) to offer now. */
  offer: (situation: Situation) => readonly number[];
}

/**
 * A strategy driven by one target score (in points): offer the partner's favourite allocation
 * (by the opponent model) among those worth at least the target to me; accept at least it.
 */
export function aimingAt(target: (situation: Situation) => number): ConcessionStrategy {
  return {
    accepts: (value, _share, s) => value >= target(s) - 1e-9,
    offer: (s) => chooseOffer(s.space, s.view.counts, s.partnerUtilities, target(s), s.rng),
  };
}

export interface ScriptedOptions {
  /** Multi-issue domains: state one's top priority at the first turn, answer questions truthfully. */
  sharesPreferences?: boolean;
  /** Multi-issue domains: walk away once past this progress if the partner's last two offers are below BATNA. */
  walkAwayAfter?: number;
}

/**
 * Builds a negotiator from a strategy. The turn logic is shared: end after the partner agrees
 * to my offer; agree to an acceptable offer; state my top priority at my first turn, or answer
 * a priority question; walk away from a hopeless partner (where the domain allows); otherwise
 * offer — `insist` when the offer repeats my latest one. Selects the agreed share, or null.
 */
export function scriptedNegotiator(
  name: string,
  strategy: ConcessionStrategy,
  rng: Rng,
  options: ScriptedOptions = {},
): Negotiator {
  const sharesPreferences = options.sharesPreferences ?? true;
  const walkAwayAfter = options.walkAwayAfter ?? 0.6;
  let space: OfferSpace | null = null;
  return {
    name,
    act(view) {
      const { turns, me, domain, counts, utilities } = view;
      const last = turns.at(-1);
      const partnerSpoke = last !== undefined && last.speaker !== me;
      if (partnerSpoke && last.act.type === 'agree') {
        return { type: 'end' };
      }
      space ??= offerSpace(counts, utilities);
      const situation = situationOf(view, space, rng);
      if (partnerSpoke && isOffer(last.act)) {
        const value = scoreOf(utilities, complement(counts, last.act.allocation));
        if (strategy.accepts(value, last.act.allocation, situation)) {
          return { type: 'agree' };
        }
      }
      if (domain.supportsPreferences && sharesPreferences) {
        const statement = preferenceToShare(
          view,
          partnerSpoke && last.act.type === 'askPreference',
        );
        if (statement !== null) {
          return statement;
        }
      }
      if (domain.supportsWalkaway && shouldWalkAway(situation, walkAwayAfter)) {
        return { type: 'walkaway' };
      }
      const allocation = [...strategy.offer(situation)];
      const mine = lastOffer(turns, me);
      const act: Act =
        mine !== null && allocationsEqual(mine.allocation, allocation)
          ? { type: 'insist', allocation }
          : { type: 'propose', allocation };
      return act;
    },
    select(view) {
      return agreedShare(view.turns, view.me, view.counts);
    },
  };
}

function situationOf(view: NegotiatorView, space: OfferSpace, rng: Rng): Situation {
  const { turns, me, counts, utilities, domain } = view;
  const partnerOfferValues: number[] = [];
  let myOffers = 0;
  for (const turn of turns) {
    if (isOffer(turn.act)) {
      if (turn.speaker === me) {
        myOffers++;
      } else {
        partnerOfferValues.push(scoreOf(utilities, complement(counts, turn.act.allocation)));
      }
    }
  }
  const partnerUtilities = estimatePartnerUtilities(view);
  let bestDeal = -Infinity;
  for (let k = 0; k < space.allocations.length; k++) {
    if (partnerValue(space, counts, partnerUtilities, k) > domain.batna + 1e-9) {
      bestDeal = Math.max(bestDeal, space.own[k] ?? 0);
    }
  }
  return {
    view,
    progress: Math.min(1, turns.length / Math.max(1, domain.maxTurns - 1)),
    space,
    bestDeal: Number.isFinite(bestDeal) ? bestDeal : space.best,
    partnerUtilities,
    partnerOfferValues,
    myOffers,
    rng,
  };
}

/** My top priority at my first turn; the next one I have not stated when asked; else null. */
function preferenceToShare(view: NegotiatorView, asked: boolean): Act | null {
  const { turns, me, utilities } = view;
  const mine = turns.filter((t) => t.speaker === me);
  const stated = new Set(
    mine.flatMap((t) => (t.act.type === 'statePreference' ? [t.act.item] : [])),
  );
  if (!asked && mine.length > 0) {
    return null;
  }
  const ranked = utilities
    .map((value, item) => ({ value, item }))
    .sort((a, b) => b.value - a.value || a.item - b.item);
  const next = ranked.findIndex(({ item }) => !stated.has(item));
  const choice = ranked[next];
  if (choice === undefined) {
    return null;
  }
  const priority = next === 0 ? 'high' : next === ranked.length - 1 ? 'low' : 'medium';
  return { type: 'statePreference', item: choice.item, priority };
}

function shouldWalkAway(situation: Situation, after: number): boolean {
  const values = situation.partnerOfferValues;
  const batna = situation.view.domain.batna;
  return (
    situation.progress >= after && values.length >= 2 && values.slice(-2).every((v) => v < batna)
  );
}
