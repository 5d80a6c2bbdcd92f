import { allocationsEqual, isValidAllocation } from '../domain/allocation';
import type { AgentIndex, Context, Domain } from '../domain/types';
import { actTypes, formatAct, isOffer, priorityLevels, type Act } from './acts';
import type { Turn } from './turn';

export type ActErrorCode =
  | 'dialogue_over'
  | 'not_your_turn'
  | 'malformed_act'
  | 'unsupported_act'
  | 'invalid_allocation'
  | 'nothing_to_answer'
  | 'insist_without_proposal'
  | 'selection_not_open'
  | 'already_selected';

/** A rule of the game was broken; `code` is stable for clients and tests. */
export class ActError extends Error {
  override name = 'ActError';
  constructor(
    readonly code: ActErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why `act` may not be said by `speaker` after `history`, or null when it may. Checks the
 * act's shape, the domain's act set, allocations against the context's counts, and what may
 * follow what: agree/disagree answer the partner's latest offer; insist repeats one's own.
 * (Turn order and termination are the dialogue's: see dialogue.ts.)
 */
export function actViolation(
  domain: Domain,
  context: Context,
  history: readonly Turn[],
  speaker: AgentIndex,
  act: Act,
): ActError | null {
  // Acts also arrive as untyped JSON (sockets, files): refuse a bad shape with a code instead
  // of failing further down.
  if (!actTypes.includes(act.type)) {
    return new ActError('malformed_act', `unknown act type "${String(act.type)}"`);
  }
  switch (act.type) {
    case 'propose':
    case 'insist': {
      if (!Array.isArray(act.allocation)) {
        return new ActError(
          'malformed_act',
          `${act.type} needs an allocation (one amount per item)`,
        );
      }
      if (!isValidAllocation(context.counts, act.allocation)) {
        return new ActError(
          'invalid_allocation',
          `${formatAct(act, domain)} asks for more than there is: the counts are ${context.counts.join(',')}`,
        );
      }
      if (act.type === 'insist') {
        const own = lastOffer(history, speaker);
        if (own === null || !allocationsEqual(own.allocation, act.allocation)) {
          return new ActError(
            'insist_without_proposal',
            'insist repeats your own latest offer; to ask for something else, propose it',
          );
        }
      }
      return null;
    }
    case 'agree':
    case 'disagree': {
      const last = history.at(-1);
      if (last === undefined || last.speaker === speaker || !isOffer(last.act)) {
        return new ActError(
          'nothing_to_answer',
          `${act.type} answers the partner's offer, and there is none to answer`,
        );
      }
      return null;
    }
    case 'end':
    case 'greet':
    case 'inquire':
    case 'unknown':
      return null;
    case 'walkaway':
      return domain.supportsWalkaway
        ? null
        : new ActError('unsupported_act', `${domain.name} has no walk-away`);
    case 'askPreference':
      return domain.supportsPreferences
        ? null
        : new ActError('unsupported_act', `${domain.name} has no preference statements`);
    case 'statePreference':
      if (!domain.supportsPreferences) {
        return new ActError('unsupported_act', `${domain.name} has no preference statements`);
      }
      if (!Number.isInteger(act.item) || act.item < 0 || act.item >= domain.items.length) {
        return new ActError(
          'malformed_act',
          `item ${act.item} is not one of the ${domain.items.length} items`,
        );
      }
      return priorityLevels.includes(act.priority)
        ? null
        : new ActError('malformed_act', `priority must be one of ${priorityLevels.join(', ')}`);
  }
}

/** The latest propose/insist by `speaker`, or null. */
export function lastOffer(
  history: readonly Turn[],
  speaker: AgentIndex,
): Extract<Act, { type: 'propose' | 'insist' }> | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (turn !== undefined && turn.speaker === speaker && isOffer(turn.act)) {
      return turn.act;
    }
  }
  return null;
}
