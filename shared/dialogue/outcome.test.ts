import { describe, expect, it } from 'vitest';
import { outcomesEqual, type Outcome } from './outcome';

/** A recorded deal; each case below changes one field of a fresh copy. */
const deal = (): Outcome => ({
  agreed: true,
  walkedAway: false,
  allocation: [1, 0, 2],
  scores: [6, 4],
  paretoOptimal: true,
});

describe('outcomesEqual', () => {
  it('holds for the same outcome in fresh arrays, and for two no-deals', () => {
    expect(outcomesEqual(deal(), deal())).toBe(true);
    const noDeal: Outcome = {
      agreed: false,
      walkedAway: false,
      allocation: null,
      scores: [0, 0],
      paretoOptimal: null,
    };
    expect(outcomesEqual(noDeal, { ...noDeal, scores: [0, 0] })).toBe(true);
  });

  it.each<[string, Partial<Outcome>]>([
    ['agreed', { agreed: false }],
    ['walkedAway', { walkedAway: true }],
    ['one amount of the allocation', { allocation: [1, 1, 2] }],
    ['the first amount only', { allocation: [0, 0, 2] }],
    ['a shorter allocation', { allocation: [1, 0] }],
    ['a longer allocation', { allocation: [1, 0, 2, 0] }],
    ['no allocation', { allocation: null }],
    ["agent 0's score", { scores: [5, 4] }],
    ["agent 1's score", { scores: [6, 5] }],
    ['Pareto-optimality', { paretoOptimal: false }],
    ['unknown Pareto-optimality', { paretoOptimal: null }],
  ])('tells outcomes apart by %s, both ways round', (_, change) => {
    const other = { ...deal(), ...change };
    expect(outcomesEqual(deal(), other)).toBe(false);
    expect(outcomesEqual(other, deal())).toBe(false);
  });
});
