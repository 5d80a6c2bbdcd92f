import type { Negotiator } from '../../shared/agents/negotiator';
import { playDialogue } from '../../shared/agents/playDialogue';
import { agreedShare } from '../../shared/dialogue/agreement';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import type { Domain } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';

/**
 * A fully deterministic toy population for learning tests: the first speaker asks for every
 * item it values, the partner agrees, the first speaker ends. A model that learned it predicts
 * each act with probability near 1.
 */
export function greedyAgreeNegotiator(): Negotiator {
  return {
    name: 'greedy-agree',
    act(view) {
      const last = view.turns.at(-1);
      if (last === undefined) {
        return {
          type: 'propose',
          allocation: view.counts.map((c, i) => ((view.utilities[i] ?? 0) > 0 ? c : 0)),
        };
      }
      if (last.act.type === 'propose' && last.speaker !== view.me) {
        return { type: 'agree' };
      }
      return { type: 'end' };
    },
    select: (view) => agreedShare(view.turns, view.me, view.counts),
  };
}

export function scriptedCorpus(domain: Domain, size: number, seed: number): DialogueState[] {
  const rng = createRng(seed);
  return Array.from({ length: size }, () =>
    playDialogue(domain, domain.sampleContext(rng), [
      greedyAgreeNegotiator(),
      greedyAgreeNegotiator(),
    ]),
  );
}

/** Agrees to any offer and ends after an agreement; never asks for anything itself. */
export function pushoverNegotiator(): Negotiator {
  return {
    name: 'pushover',
    act(view) {
      const last = view.turns.at(-1);
      if (
        last !== undefined &&
        last.speaker !== view.me &&
        (last.act.type === 'propose' || last.act.type === 'insist')
      ) {
        return { type: 'agree' };
      }
      if (last?.act.type === 'agree') {
        return { type: 'end' };
      }
      return { type: 'propose', allocation: view.counts.map(() => 0) };
    },
    select: (view) => agreedShare(view.turns, view.me, view.counts),
  };
}
