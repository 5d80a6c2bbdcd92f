import type { Allocation, Domain } from '../domain/types';

export type PriorityLevel = 'high' | 'medium' | 'low';
export const priorityLevels: readonly PriorityLevel[] = ['high', 'medium', 'low'];

/**
 * Coarse dialogue acts (He et al. 2018). An offer's allocation is what the *speaker* gets; the
 * partner gets the rest. `walkaway` and the preference acts exist only in domains that support
 * them (multi-issue bargaining, where ASTRA asks for and states priorities). `unknown` is what
 * a person said that maps to none of the others (imported human turns): models read it in the
 * history and may say it; it changes nothing in the game.
 */
export type Act =
  | { type: 'propose'; allocation: Allocation }
  | { type: 'insist'; allocation: Allocation }
  | { type: 'agree' }
  | { type: 'disagree' }
  | { type: 'end' }
  | { type: 'unknown' }
  | { type: 'walkaway' }
  | { type: 'askPreference' }
  | { type: 'statePreference'; item: number; priority: PriorityLevel };

export type ActType = Act['type'];
/** The acts a player picks on the wire (sockets, REST): everything but `unknown`. */
export type ChosenAct = Exclude<Act, { type: 'unknown' }>;
export type OfferAct = Extract<Act, { type: 'propose' | 'insist' }>;

export const actTypes: readonly ActType[] = [
  'propose',
  'insist',
  'agree',
  'disagree',
  'end',
  'unknown',
  'walkaway',
  'askPreference',
  'statePreference',
];

export function isOffer(act: Act): act is OfferAct {
  return act.type === 'propose' || act.type === 'insist';
}

/** A compact, unambiguous rendering, e.g. `propose(2,0,1)` or `statePreference(water,high)`. */
export function formatAct(act: Act, domain?: Domain): string {
  switch (act.type) {
    case 'propose':
    case 'insist':
      return `${act.type}(${act.allocation.join(',')})`;
    case 'statePreference':
      return `statePreference(${domain?.items[act.item]?.id ?? act.item},${act.priority})`;
    case 'agree':
    case 'disagree':
    case 'end':
    case 'unknown':
    case 'walkaway':
    case 'askPreference':
      return act.type;
  }
}
