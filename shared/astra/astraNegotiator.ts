import type { Negotiator, NegotiatorFactory, NegotiatorView } from '../agents/negotiator';
import { agreedShare } from '../dialogue/agreement';
import type { Act } from '../dialogue/acts';
import type { Allocation } from '../domain/types';
import type { AstraOptionsInput } from './options';
import { suggest, type Suggestion } from './suggest';
import type { AstraState } from './types';

/** The `suggest` input for one agent's view of a dialogue. */
export function astraStateFor(view: NegotiatorView, options?: AstraOptionsInput): AstraState {
  return {
    domain: view.domain.id,
    counts: view.counts,
    utilities: view.utilities,
    history: view.turns.map((turn) => ({
      speaker: turn.speaker === view.me ? 'self' : 'partner',
      act: turn.act,
    })),
    ...(options === undefined ? {} : { options }),
  };
}

/**
 * ASTRA as a player: every act is `suggest`'s, so it is deterministic (it needs no randomness)
 * and keeps no state beyond the latest suggestion, kept for inspection. It selects the share it
 * agreed to, or no agreement.
 */
export class AstraNegotiator implements Negotiator {
  readonly name = 'astra';
  lastSuggestion: Suggestion | null = null;

  constructor(private readonly options?: AstraOptionsInput) {}

  act(view: NegotiatorView): Act {
    this.lastSuggestion = suggest(astraStateFor(view, this.options));
    return this.lastSuggestion.act;
  }

  select(view: NegotiatorView): Allocation | null {
    return agreedShare(view.turns, view.me, view.counts);
  }
}

export function astraFactory(options?: AstraOptionsInput): NegotiatorFactory {
  return () => new AstraNegotiator(options);
}
