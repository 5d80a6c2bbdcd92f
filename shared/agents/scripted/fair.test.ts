import { describe, expect, it } from 'vitest';
import { isOffer } from '../../dialogue/acts';
import { casino } from '../../domain/casino';
import { dealScores } from '../../domain/scoring';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, propose } from '../../testing/dialogues';
import { fairNegotiator } from './fair';

// Both said their priorities, so the opponent model knows the partner's true values.
const context: Context = {
  counts: [3, 3, 3],
  utilities: [
    [5, 4, 3],
    [3, 4, 5],
  ],
};
const statements = [
  { type: 'statePreference', item: 0, priority: 'high' },
  { type: 'statePreference', item: 2, priority: 'high' },
  { type: 'statePreference', item: 1, priority: 'medium' },
] as const;

describe('a fair negotiator', () => {
  it('offers the most even split when it knows the partner’s values', () => {
    const view = nextView(casino, context, [...statements]);
    const act = fairNegotiator('fair', {}, createRng(1)).act(view);
    expect(isOffer(act)).toBe(true);
    if (isOffer(act)) {
      // Agent 1 is the one speaking next: its share is act.allocation.
      const [a, b] = dealScores(
        context,
        act.allocation.map((n, i) => (context.counts[i] ?? 0) - n),
      );
      // A − B = 8·(units A takes) − 36, so no split is even; the closest are 4 apart. Among
      // those, the largest joint score (36 + 2·food_A − 2·firewood_A) gives A all the food and
      // B all the firewood: 19 vs 23, the fair agent (B) taking the larger side.
      expect([a, b]).toEqual([19, 23]);
    }
  });

  it('accepts a split that favours it or is close to even, and refuses a lopsided one', () => {
    const fair = () => fairNegotiator('fair', {}, createRng(1));
    // Agent 0 (fair) answers agent 1's offers; agent 1 said firewood is its top priority.
    const base = [...statements];
    // Agent 1 taking all firewood and water leaves A 15 vs B 27.
    expect(fair().act(nextView(casino, context, [...base, propose(0, 3, 3)])).type).toMatch(
      /propose|insist/,
    );
    // Agent 1 taking firewood and 1 water: A gets 15 + 8 = 23, B 15 + 4 = 19.
    expect(fair().act(nextView(casino, context, [...base, propose(0, 1, 3)]))).toEqual({
      type: 'agree',
    });
  });
});
