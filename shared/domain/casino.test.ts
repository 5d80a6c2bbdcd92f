import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { sampledContext } from '../testing/arbitraries';
import { casino } from './casino';
import { scoreOf } from './scoring';

describe('CaSiNo contexts', () => {
  it('give three units of food, water and firewood and priorities worth 5/4/3 per unit', () => {
    fc.assert(
      fc.property(sampledContext('casino'), (context) => {
        expect(context.counts).toEqual([3, 3, 3]);
        for (const u of context.utilities) {
          expect([...u].sort()).toEqual([3, 4, 5]);
          expect(scoreOf(u, context.counts)).toBe(36);
        }
        expect(casino.validateContext(context)).toEqual([]);
      }),
    );
  });

  it('has a 36-point maximum and a walk-away value of 5', () => {
    expect(casino.maxScore).toBe(36);
    expect(casino.batna).toBe(5);
    expect(casino.supportsWalkaway && casino.supportsPreferences).toBe(true);
  });

  it('draws every priority order for both agents, the same for the same seed', () => {
    const rng = createRng(9);
    const orders = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const c = casino.sampleContext(rng);
      orders.add(`${c.utilities[0].join()}|${c.utilities[1].join()}`);
    }
    expect(orders.size).toBe(36);
    expect(casino.sampleContext(createRng(2))).toEqual(casino.sampleContext(createRng(2)));
  });

  it('rejects wrong counts and values', () => {
    expect(
      casino.validateContext({
        counts: [3, 3, 2],
        utilities: [
          [5, 4, 3],
          [3, 4, 5],
        ],
      }),
    ).toEqual(['CaSiNo has three items with 3 units each']);
    expect(
      casino
        .validateContext({
          counts: [3, 3, 3],
          utilities: [
            [5, 5, 3],
            [3, 4, 5],
          ],
        })
        .join(),
    ).toMatch(/agent 0's values must be 5, 4 and 3/);
  });

  it('rejects a fourth item even with 3 units of each', () => {
    expect(
      casino.validateContext({
        counts: [3, 3, 3, 3],
        utilities: [
          [5, 4, 3],
          [3, 4, 5],
        ],
      }),
    ).toEqual(['CaSiNo has three items with 3 units each']);
  });
});
