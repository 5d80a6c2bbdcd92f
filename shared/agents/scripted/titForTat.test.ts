import { describe, expect, it } from 'vitest';
import { isOffer } from '../../dialogue/acts';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import { scoreOf } from '../../domain/scoring';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, propose } from '../../testing/dialogues';
import { titForTatNegotiator } from './titForTat';

// Agent 0 (Tit-for-Tat) values books 1, hats 2, balls 2 (4 + 2 + 4 = 10). It opens with its best
// deal that leaves the partner something: all but one book, 9.
const context: Context = {
  counts: [4, 1, 2],
  utilities: [
    [1, 2, 2],
    [0, 6, 2],
  ],
};
const tftOffer = (acts: Parameters<typeof nextView>[2], niceness = 0) => {
  const act = titForTatNegotiator('tft', { niceness }, createRng(3)).act(
    nextView(dealOrNoDeal, context, acts),
  );
  if (!isOffer(act)) {
    throw new Error(`expected an offer, got ${act.type}`);
  }
  return scoreOf(context.utilities[0], act.allocation);
};

describe('a Tit-for-Tat negotiator', () => {
  it('holds its opening while the partner does not concede', () => {
    const stubborn = [propose(4, 1, 2), propose(0, 1, 2), propose(4, 1, 2), propose(0, 1, 2)];
    expect(tftOffer(stubborn)).toBe(tftOffer([propose(4, 1, 2), propose(0, 1, 2)]));
    expect(tftOffer(stubborn)).toBe(9);
  });

  it('concedes as much as the partner conceded, measured by its own utility', () => {
    // The partner's offers give agent 0 first 4 (the books), then 6 (books and a ball): +2.
    const conceding = [propose(4, 1, 2), propose(0, 1, 2), propose(4, 1, 2), propose(0, 1, 1)];
    expect(tftOffer(conceding)).toBe(7);
  });

  it('takes its concession back when the partner does', () => {
    const back = [
      propose(4, 1, 2),
      propose(0, 1, 2),
      propose(4, 1, 2),
      propose(0, 1, 1),
      propose(4, 1, 1),
      propose(0, 1, 2),
    ];
    expect(tftOffer(back)).toBe(9);
  });

  it('concedes a little on its own with niceness, so two of them do not stall', () => {
    const stubborn = [
      propose(4, 1, 2),
      propose(0, 1, 2),
      propose(4, 1, 2),
      propose(0, 1, 2),
      propose(4, 1, 2),
      propose(0, 1, 2),
    ];
    expect(tftOffer(stubborn, 0.1)).toBeLessThan(9);
  });

  it('never goes below its floor, a share of its best deal', () => {
    // The partner concedes 4 (from leaving agent 0 nothing to the books): with a floor of 0.9 of
    // its best deal (9), the target stays at 8.1, so it still asks for 9.
    const acts = [propose(4, 1, 2), propose(4, 1, 2), propose(4, 1, 2), propose(0, 1, 2)];
    const act = titForTatNegotiator('tft', { niceness: 0, pMin: 0.9 }, createRng(3)).act(
      nextView(dealOrNoDeal, context, acts),
    );
    if (!isOffer(act)) {
      throw new Error(`expected an offer, got ${act.type}`);
    }
    expect(scoreOf(context.utilities[0], act.allocation)).toBe(9);
    // Without the floor it would follow the partner down to 9 − 4 = 5.
    expect(tftOffer(acts)).toBe(5);
  });
});
