import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { sampledContext } from '../testing/arbitraries';
import { dealOrNoDeal } from './dealOrNoDeal';
import type { Context } from './types';

const worth = (u: readonly number[], counts: readonly number[]) =>
  u.reduce((s, v, i) => s + v * (counts[i] ?? 0), 0);

describe('DealOrNoDeal contexts', () => {
  it('satisfy every constraint of the original task', () => {
    fc.assert(
      fc.property(sampledContext('dealornodeal'), ({ counts, utilities }) => {
        expect(counts).toHaveLength(3);
        expect(counts.every((c) => Number.isInteger(c) && c >= 1 && c <= 4)).toBe(true);
        const total = counts.reduce((s, c) => s + c, 0);
        expect(total >= 5 && total <= 7).toBe(true);
        for (const u of utilities) {
          expect(u).toHaveLength(3);
          expect(u.every((v) => Number.isInteger(v) && v >= 0 && v <= 10)).toBe(true);
          expect(worth(u, counts)).toBe(10);
        }
        const [a, b] = utilities;
        expect(a.every((v, i) => v > 0 || (b[i] ?? 0) > 0)).toBe(true);
        expect(a.some((v, i) => v > 0 && (b[i] ?? 0) > 0)).toBe(true);
        expect(dealOrNoDeal.validateContext({ counts, utilities })).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('are the same for the same seed', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => dealOrNoDeal.sampleContext(rng));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('cover the whole task: every count vector and unequal value vectors appear', () => {
    const rng = createRng('coverage');
    const countVectors = new Set<string>();
    let differentValues = 0;
    for (let i = 0; i < 5000; i++) {
      const c = dealOrNoDeal.sampleContext(rng);
      countVectors.add(c.counts.join(','));
      if (c.utilities[0].join() !== c.utilities[1].join()) {
        differentValues++;
      }
    }
    // Counted independently of the implementation: 1–4 of each of three items, 5–7 in all.
    let expected = 0;
    for (let a = 1; a <= 4; a++) {
      for (let b = 1; b <= 4; b++) {
        for (let c = 1; c <= 4; c++) {
          expected += a + b + c >= 5 && a + b + c <= 7 ? 1 : 0;
        }
      }
    }
    expect(countVectors.size).toBe(expected);
    expect(differentValues).toBeGreaterThan(4000);
  });

  it('reports each broken constraint with a message', () => {
    const valid: Context = {
      counts: [1, 2, 3],
      utilities: [
        [1, 3, 1],
        [4, 0, 2],
      ],
    };
    expect(dealOrNoDeal.validateContext(valid)).toEqual([]);
    const problems = (c: Context) => dealOrNoDeal.validateContext(c).join(' | ');
    expect(
      problems({
        counts: [1, 2],
        utilities: [
          [1, 3],
          [4, 0],
        ],
      }),
    ).toMatch(/three item types/);
    expect(problems({ ...valid, counts: [0, 2, 3] })).toMatch(
      /count must be an integer from 1 to 4/,
    );
    expect(problems({ counts: [4, 4, 4], utilities: valid.utilities })).toMatch(/5–7 items/);
    expect(
      problems({
        ...valid,
        utilities: [
          [1, 3, 2],
          [4, 0, 2],
        ],
      }),
    ).toMatch(/agent 0's items must be worth 10 in total, not 13/);
    expect(
      problems({
        ...valid,
        utilities: [
          [10, 0, 0],
          [10, 0, 0],
        ],
      }),
    ).toMatch(/worth something to someone/);
    expect(
      problems({
        ...valid,
        utilities: [
          [1, 0, 3],
          [0, 5, 0],
        ],
      }),
    ).toMatch(/some item to both/);
    expect(
      problems({
        ...valid,
        utilities: [
          [-2, 3, 2],
          [4, 0, 2],
        ],
      }),
    ).toMatch(/from 0 to 10/);
  });

  it('lists exactly the broken constraints, at the edges of each range', () => {
    const problems = (counts: number[], a: number[], b: number[]) =>
      dealOrNoDeal.validateContext({ counts, utilities: [a, b] });
    // Valid at the edges: a count of 4, 5 and 7 items in all, a value of 0 and of 10.
    expect(problems([4, 1, 1], [1, 3, 3], [2, 1, 1])).toEqual([]);
    expect(problems([1, 2, 2], [2, 2, 2], [2, 2, 2])).toEqual([]);
    expect(problems([1, 2, 4], [2, 2, 1], [4, 1, 1])).toEqual([]);
    expect(problems([1, 2, 3], [10, 0, 0], [2, 1, 2])).toEqual([]);
    // Three counts but one agent with two values, or two counts and three values each.
    const threeTypes = ['DealOrNoDeal has exactly three item types (book, hat, ball)'];
    expect(problems([1, 2, 3], [1, 3, 1], [4, 0])).toEqual(threeTypes);
    expect(problems([1, 2], [1, 3, 1], [4, 0, 2])).toEqual(threeTypes);
    // Fractional counts (5 items, each agent's worth 3 + 5 + 2 = 10): only the count problem.
    expect(problems([1.5, 2.5, 1], [2, 2, 2], [2, 2, 2])).toEqual([
      'each item count must be an integer from 1 to 4',
    ]);
    // A count of 5 (7 items; agent 0's worth 5 + 2 + 3 = 10, agent 1's 2 · 5 = 10).
    expect(problems([5, 1, 1], [1, 2, 3], [2, 0, 0])).toEqual([
      'each item count must be an integer from 1 to 4',
    ]);
    // 4 items in all (worth 2 + 2 + 6 and 4 + 4 + 2).
    expect(problems([1, 1, 2], [2, 2, 3], [4, 4, 1])).toEqual([
      'there must be 5–7 items in total, not 4',
    ]);
    // A fractional value, worth 2.5 + 1.5 + 6 = 10: only the value problem.
    expect(problems([1, 2, 3], [2.5, 0.75, 2], [4, 0, 2])).toEqual([
      "agent 0's values must be integers from 0 to 10",
    ]);
    // A value of 11 (above 10), for agent 1.
    expect(problems([1, 2, 3], [1, 3, 1], [11, 0, 0])).toEqual([
      "agent 1's values must be integers from 0 to 10",
      "agent 1's items must be worth 10 in total, not 11",
    ]);
  });
});
