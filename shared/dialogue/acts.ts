import type { Allocation, Domain } from '../domain/types';

export type PriorityLevel = 'high' | 'medium' | 'low';
export const priorityLevels: readonly PriorityLevel[] = ['high', 'medium', 'low'];

/**
 * Coarse dialogue acts (He et al. 2018). An offer's allocation is what the *speaker* gets; the
 * partner gets the rest. `walkaway` and the preference acts exist only in domains that support
 * them (multi-issue bargaining, where ASTRA asks for and states priorities). `unknown` is what
 * a person said that maps to none of the others (imported human turns). `greet` ("hi") and
 * `inquire` (a question: "what would you like?") complete He et al.'s DealOrNoDeal act set.
 * These three are talk acts: they change nothing in the game, models read them in the history,
 * and only people say them (see `talkActTypes`).
 */
export type Act =
  | { type: 'propose'; allocation: Allocation }
  | { type: 'insist'; allocation: Allocation }
  | { type: 'agree' }
  | { type: 'disagree' }
  | { type: 'end' }
  | { type: 'greet' }
  | { type: 'inquire' }
  | { type: 'unknown' }
  | { type: 'walkaway' }
  | { type: 'askPreference' }
  | { type: 'statePreference'; item: number; priority: PriorityLevel };

export type ActType = Act['type'];

/**
 * Acts recorded from people's words that a player never picks: a policy does not play them and
 * the wire refuses them (in the live loop Alice and the annotator exchange moves, not small talk;
 * a played question would reach an annotator as a turn with nothing in it to answer).
 */
export const talkActTypes = ['greet', 'inquire', 'unknown'] as const;
export type TalkActType = (typeof talkActTypes)[number];
export type TalkAct = Extract<Act, { type: TalkActType }>;
/** The acts a player picks on the wire (sockets, REST): everything but the talk acts. */
export type ChosenAct = Exclude<Act, TalkAct>;

export function isTalkAct(act: Act): act is TalkAct {
  return (talkActTypes as readonly string[]).includes(act.type);
}
export type OfferAct = Extract<Act, { type: 'propose' | 'insist' }>;

export const actTypes: readonly ActType[] = [
  'propose',
  'insist',
  'agree',
  'disagree',
  'end',
  'greet',
  'inquire',
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
    case 'greet':
    case 'inquire':
    case 'unknown':
    case 'walkaway':
    case 'askPreference':
      return act.type;
  }
}
