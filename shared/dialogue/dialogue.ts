import { isValidAllocation } from '../domain/allocation';
import type { AgentIndex, Allocation, Context, Domain } from '../domain/types';
import type { Act } from './acts';
import { ActError, actViolation } from './actRules';
import { resolveOutcome, type Outcome } from './outcome';
import type { Turn } from './turn';

export type { Turn } from './turn';

/** `null` selection: the agent declares no agreement. `undefined`: not selected yet. */
export type Selection = Allocation | null | undefined;

export type EndReason = 'end' | 'walkaway' | 'maxTurns';

/**
 * A negotiation as plain data (immutable: every transition returns a new state). Agents
 * alternate from `firstSpeaker`. After `end` or the turn limit both agents select their share;
 * a walk-away ends it at once.
 */
export interface DialogueState {
  domain: Domain;
  context: Context;
  firstSpeaker: AgentIndex;
  turns: readonly Turn[];
  endedBy: EndReason | null;
  selections: readonly [Selection, Selection];
  outcome: Outcome | null;
}

export type DialoguePhase = 'negotiating' | 'selecting' | 'done';

export function startDialogue(
  domain: Domain,
  context: Context,
  firstSpeaker: AgentIndex = 0,
): DialogueState {
  const problems = domain.validateContext(context);
  if (problems.length > 0) {
    throw new RangeError(`Invalid ${domain.name} context: ${problems.join('; ')}`);
  }
  return {
    domain,
    context,
    firstSpeaker,
    turns: [],
    endedBy: null,
    selections: [undefined, undefined],
    outcome: null,
  };
}

export function phaseOf(state: DialogueState): DialoguePhase {
  if (state.outcome !== null) {
    return 'done';
  }
  return state.endedBy === null ? 'negotiating' : 'selecting';
}

/** Whose act is next, or null once acts are over. */
export function nextSpeaker(state: DialogueState): AgentIndex | null {
  if (state.endedBy !== null) {
    return null;
  }
  return ((state.firstSpeaker + state.turns.length) % 2) as AgentIndex;
}

/** Appends an act; throws ActError (with a stable code) when the rules forbid it. */
export function applyAct(state: DialogueState, speaker: AgentIndex, act: Act): DialogueState {
  if (state.endedBy !== null) {
    throw new ActError('dialogue_over', 'the dialogue is over; no more acts');
  }
  if (nextSpeaker(state) !== speaker) {
    throw new ActError('not_your_turn', `it is agent ${nextSpeaker(state)}'s turn`);
  }
  const violation = actViolation(state.domain, state.context, state.turns, speaker, act);
  if (violation !== null) {
    throw violation;
  }
  const turns = [...state.turns, { speaker, act }];
  const endedBy: EndReason | null =
    act.type === 'walkaway'
      ? 'walkaway'
      : act.type === 'end'
        ? 'end'
        : turns.length >= state.domain.maxTurns
          ? 'maxTurns'
          : null;
  const next: DialogueState = { ...state, turns, endedBy };
  return endedBy === 'walkaway'
    ? { ...next, outcome: resolveOutcome(state.domain, state.context, [null, null], true) }
    : next;
}

/** Records an agent's final selection (its own share, or null for no agreement). */
export function applySelection(
  state: DialogueState,
  agent: AgentIndex,
  selection: Allocation | null,
): DialogueState {
  if (phaseOf(state) !== 'selecting') {
    throw new ActError(
      'selection_not_open',
      state.outcome === null ? 'select after the dialogue ends' : 'the dialogue is over',
    );
  }
  if (state.selections[agent] !== undefined) {
    throw new ActError('already_selected', `agent ${agent} has already selected`);
  }
  if (selection !== null && !isValidAllocation(state.context.counts, selection)) {
    throw new ActError(
      'invalid_allocation',
      `the selection must be within the counts ${state.context.counts.join(',')}`,
    );
  }
  const selections: [Selection, Selection] = [state.selections[0], state.selections[1]];
  selections[agent] = selection === null ? null : [...selection];
  const [s0, s1] = selections;
  const outcome =
    s0 !== undefined && s1 !== undefined
      ? resolveOutcome(state.domain, state.context, [s0, s1], false)
      : null;
  return { ...state, selections, outcome };
}
