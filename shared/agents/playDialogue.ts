import {
  applyAct,
  applySelection,
  nextSpeaker,
  startDialogue,
  type DialogueState,
} from '../dialogue/dialogue';
import type { AgentIndex, Context, Domain } from '../domain/types';
import type { Negotiator, NegotiatorView } from './negotiator';

export function viewFor(state: DialogueState, me: AgentIndex): NegotiatorView {
  return {
    domain: state.domain,
    counts: state.context.counts,
    utilities: state.context.utilities[me],
    me,
    turns: state.turns,
  };
}

/**
 * Plays one negotiation to its outcome between two negotiators (index 0 and 1 of `agents`).
 * An illegal act from a negotiator is a bug in it and throws the ActError.
 */
export function playDialogue(
  domain: Domain,
  context: Context,
  agents: readonly [Negotiator, Negotiator],
  firstSpeaker: AgentIndex = 0,
): DialogueState {
  let state = startDialogue(domain, context, firstSpeaker);
  for (let speaker = nextSpeaker(state); speaker !== null; speaker = nextSpeaker(state)) {
    state = applyAct(state, speaker, agents[speaker].act(viewFor(state, speaker)));
  }
  if (state.outcome === null) {
    for (const agent of [0, 1] as const) {
      state = applySelection(state, agent, agents[agent].select(viewFor(state, agent)));
    }
  }
  return state;
}
