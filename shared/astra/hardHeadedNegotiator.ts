import type { Negotiator, NegotiatorFactory, NegotiatorView } from '../agents/negotiator';
import { agreedShare } from '../dialogue/agreement';
import type { Act } from '../dialogue/acts';
import { complement } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Allocation } from '../domain/types';

/**
 * STAND-IN, for ASTRA's own tests and tournament until the core's scripted negotiators
 * (shared/agents/, branch `core`) are merged; not one of the project's scripted population.
 * It always demands every item it values (giving away only what is worth nothing to it), agrees
 * to any offer worth at least `acceptShare` of its maximum, and ends once its offer is agreed.
 */
export class HardHeadedNegotiator implements Negotiator {
  readonly name = 'hardheaded';

  constructor(private readonly acceptShare = 0.7) {}

  act(view: NegotiatorView): Act {
    const last = view.turns.at(-1);
    if (last !== undefined && last.speaker !== view.me) {
      if (last.act.type === 'agree') {
        return { type: 'end' };
      }
      if (last.act.type === 'propose' || last.act.type === 'insist') {
        const mine = complement(view.counts, last.act.allocation);
        const best = scoreOf(view.utilities, view.counts);
        if (scoreOf(view.utilities, mine) >= this.acceptShare * best) {
          return { type: 'agree' };
        }
      }
    }
    const demand = view.counts.map((count, i) => ((view.utilities[i] ?? 0) > 0 ? count : 0));
    const repeated = view.turns.some(
      (t) => t.speaker === view.me && (t.act.type === 'propose' || t.act.type === 'insist'),
    );
    return { type: repeated ? 'insist' : 'propose', allocation: demand };
  }

  select(view: NegotiatorView): Allocation | null {
    return agreedShare(view.turns, view.me, view.counts);
  }
}

export const hardHeadedFactory: NegotiatorFactory = () => new HardHeadedNegotiator();
