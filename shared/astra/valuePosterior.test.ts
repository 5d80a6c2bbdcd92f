import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { scoreOf } from '../domain/scoring';
import { readRecord } from './negotiationRecord';
import { templateValues } from './opponentModel';
import { offerLogLikelihoods, partnerValuations, posteriorValues } from './valuePosterior';
import type { AstraTurn } from './types';

const books = ['book', 'hat', 'ball'];

describe('partnerValuations', () => {
  it('lists exactly the permutations of 5/4/3 in CaSiNo', () => {
    const found = partnerValuations(casino, [3, 3, 3], [5, 4, 3]);
    expect(found.map((v) => v.join()).sort()).toEqual(
      ['3,4,5', '3,5,4', '4,3,5', '4,5,3', '5,3,4', '5,4,3'].sort(),
    );
  });

  it('lists DealOrNoDeal valuations worth 10 that make a valid context with ours', () => {
    const counts = [1, 2, 4];
    const own = [0, 1, 2];
    const found = partnerValuations(dealOrNoDeal, counts, own);
    expect(found.length).toBeGreaterThan(5);
    for (const values of found) {
      expect(scoreOf(values, counts)).toBe(10);
      // We do not want books, so the partner must (every item is wanted by someone).
      expect(values[0]).toBeGreaterThan(0);
    }
    expect(found.map((v) => v.join())).toContain('6,0,1');
  });
});

describe('posteriorValues', () => {
  const counts = [1, 2, 4];
  const own = [2, 2, 1];
  const record = (turns: AstraTurn[]) => readRecord(counts, books, turns);
  const posterior = (turns: AstraTurn[]) => {
    const valuations = partnerValuations(dealOrNoDeal, counts, own);
    const r = record(turns);
    return posteriorValues(
      valuations,
      offerLogLikelihoods(valuations, r, 10, 10),
      templateValues(own, counts, 10),
    );
  };
  const keeps = (allocation: number[]): AstraTurn => ({
    speaker: 'partner',
    act: { type: 'propose', allocation },
  });

  it('learns how much the partner values what it keeps, not only the order', () => {
    // It keeps the book and all balls, gives both hats away: books and balls matter, hats not.
    const values = posterior([keeps([1, 0, 4])])([0, 2, 1]);
    expect(values[1]).toBeLessThan(0.2);
    expect(scoreOf(values, counts)).toBeCloseTo(10, 9);
    // The template gives hats our lowest value, rescaled (0.83), and the book only 1.67 where
    // the posterior sees that a partner keeping one book must value it highly.
    const template = templateValues(own, counts, 10)([0, 2, 1]);
    expect(template[1]).toBeGreaterThan(0.8);
    expect(values[0]).toBeGreaterThan(2 * (template[0] ?? 0));
  });

  it('counts a repeated offer once (an insist adds no evidence)', () => {
    const once = posterior([keeps([1, 0, 4])])([0, 2, 1]);
    const twice = posterior([
      keeps([1, 0, 4]),
      { speaker: 'partner', act: { type: 'insist', allocation: [1, 0, 4] } },
    ])([0, 2, 1]);
    expect(twice).toEqual(once);
    // A different second offer does move the estimate.
    expect(posterior([keeps([1, 0, 4]), keeps([1, 0, 3])])([0, 2, 1])).not.toEqual(once);
  });

  it('falls back on the template when no valuation orders the items that way, and is exact in CaSiNo', () => {
    const own5 = [5, 4, 3];
    const valuations = partnerValuations(casino, [3, 3, 3], own5);
    const r = readRecord([3, 3, 3], ['food', 'water', 'firewood'], []);
    const values = posteriorValues(
      valuations,
      offerLogLikelihoods(valuations, r, 36, 10),
      templateValues(own5, [3, 3, 3], 36),
    );
    expect(values([2, 0, 1])).toEqual([4, 3, 5]);
    const none = posteriorValues([], [], () => [7, 7, 7]);
    expect(none([0, 1, 2])).toEqual([7, 7, 7]);
  });
});
