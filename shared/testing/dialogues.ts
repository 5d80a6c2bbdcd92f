import { viewFor } from '../agents/playDialogue';
import type { NegotiatorView } from '../agents/negotiator';
import type { Act } from '../dialogue/acts';
import { applyAct, nextSpeaker, startDialogue, type DialogueState } from '../dialogue/dialogue';
import type { Context, Domain } from '../domain/types';

/** Plays `acts` in turn, agent 0 first, through the real rules (test code only). */
export function played(domain: Domain, context: Context, acts: readonly Act[]): DialogueState {
  let state = startDialogue(domain, context, 0);
  for (const act of acts) {
    state = applyAct(state, nextSpeaker(state) ?? 0, act);
  }
  return state;
}

/** The view of whoever speaks next after `acts`. */
export function nextView(domain: Domain, context: Context, acts: readonly Act[]): NegotiatorView {
  const state = played(domain, context, acts);
  return viewFor(state, nextSpeaker(state) ?? 0);
}

export const propose = (...allocation: number[]): Act => ({ type: 'propose', allocation });

/** A valid DealOrNoDeal context for rule tests (agent 0 values hats most, agent 1 books). */
export const dealContext: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};

/** A valid CaSiNo context for rule tests. */
export const casinoContext: Context = {
  counts: [3, 3, 3],
  utilities: [
    [5, 4, 3],
    [3, 5, 4],
  ],
};
