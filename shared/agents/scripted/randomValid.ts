import { lastOffer } from '../../dialogue/actRules';
import { isOffer, priorityLevels, type Act, type ActType } from '../../dialogue/acts';
import { agreedShare } from '../../dialogue/agreement';
import type { Rng } from '../../random/rng';
import { pickWeighted } from '../../random/weighted';
import type { Negotiator } from '../negotiator';

export interface RandomValidParams {
  /** Relative weight of each act type among those legal at the moment. */
  weights?: Partial<Record<ActType, number>>;
}

const defaultWeights: Record<ActType, number> = {
  propose: 6,
  insist: 1,
  agree: 2,
  disagree: 1,
  end: 0.5,
  // Scripted negotiators make moves; talk acts are people's.
  greet: 0,
  inquire: 0,
  unknown: 0,
  walkaway: 0.2,
  askPreference: 0.3,
  statePreference: 0.5,
};

/**
 * Says a random legal act: a weighted choice among the act types the rules allow now, with a
 * uniformly random allocation or priority. Like the others, it ends the dialogue once the
 * partner agrees to its offer, and selects the agreed share.
 */
export function randomValidNegotiator(
  name: string,
  params: RandomValidParams,
  rng: Rng,
): Negotiator {
  const weights = { ...defaultWeights, ...params.weights };
  return {
    name,
    act({ domain, counts, me, turns }) {
      const last = turns.at(-1);
      const partnerSpoke = last !== undefined && last.speaker !== me;
      if (partnerSpoke && last.act.type === 'agree') {
        return { type: 'end' };
      }
      const mine = lastOffer(turns, me);
      const legal: ActType[] = ['propose', 'end'];
      if (mine !== null) {
        legal.push('insist');
      }
      if (partnerSpoke && isOffer(last.act)) {
        legal.push('agree', 'disagree');
      }
      if (domain.supportsWalkaway) {
        legal.push('walkaway');
      }
      if (domain.supportsPreferences) {
        legal.push('askPreference', 'statePreference');
      }
      const type = pickWeighted(
        rng,
        legal.map((value) => ({ value, weight: weights[value] })),
      );
      return actOfType(type, counts, domain.items.length, mine?.allocation ?? [], rng);
    },
    select(view) {
      return agreedShare(view.turns, view.me, view.counts);
    },
  };
}

function actOfType(
  type: ActType,
  counts: readonly number[],
  items: number,
  myLastOffer: readonly number[],
  rng: Rng,
): Act {
  switch (type) {
    case 'propose':
      return { type, allocation: counts.map((c) => rng.int(0, c)) };
    case 'insist':
      return { type, allocation: [...myLastOffer] };
    case 'statePreference':
      return { type, item: rng.int(0, items - 1), priority: rng.pick(priorityLevels) };
    case 'agree':
    case 'disagree':
    case 'end':
    case 'greet':
    case 'inquire':
    case 'unknown':
    case 'walkaway':
    case 'askPreference':
      return { type };
  }
}
