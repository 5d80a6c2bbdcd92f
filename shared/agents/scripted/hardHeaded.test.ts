import { describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, propose } from '../../testing/dialogues';
import { hardHeadedNegotiator } from './hardHeaded';

// Agent 0 values the book 1, hats 3 each, balls 1 each: its best is all the items (10).
const context: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};
const greedy = () => hardHeadedNegotiator('greedy', {}, createRng(2));

describe('a greedy (hard-headed) negotiator', () => {
  it('asks for everything it values, then insists on it', () => {
    expect(greedy().act(nextView(dealOrNoDeal, context, []))).toEqual(propose(1, 2, 3));
    const later = nextView(dealOrNoDeal, context, [
      propose(1, 2, 3),
      propose(1, 0, 0),
      { type: 'insist', allocation: [1, 2, 3] },
      propose(1, 0, 2),
    ]);
    expect(greedy().act(later)).toEqual({ type: 'insist', allocation: [1, 2, 3] });
  });

  it('agrees only to offers worth at least 80 % of its best', () => {
    // Partner keeps the book only: agent 0 gets 9.
    expect(
      greedy().act(nextView(dealOrNoDeal, context, [propose(1, 2, 3), propose(1, 0, 0)])),
    ).toEqual({ type: 'agree' });
    // Partner keeps the book and two balls: agent 0 gets 7.
    expect(
      greedy().act(nextView(dealOrNoDeal, context, [propose(1, 2, 3), propose(1, 0, 2)])).type,
    ).toBe('insist');
  });

  it('agrees at exactly its share of its best, and never to nothing', () => {
    // Agent 1 (values book 4, balls 2 each; best 10) answers agent 0's offers.
    const answer = (accept: number, agent0Takes: [number, number, number]) =>
      hardHeadedNegotiator('greedy', { accept }, createRng(2)).act(
        nextView(dealOrNoDeal, context, [propose(...agent0Takes)]),
      ).type;
    expect(answer(0.6, [0, 2, 2])).toBe('agree'); // the book and a ball: 6
    expect(answer(0.6, [0, 2, 3])).not.toBe('agree'); // the book: 4
    expect(answer(0, [1, 2, 2])).toBe('agree'); // a ball: 2
    expect(answer(0, [1, 0, 3])).not.toBe('agree'); // the hats, worth nothing to it: its BATNA
  });
});
