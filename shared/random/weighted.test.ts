import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from './rng';
import { pickWeighted } from './weighted';

/** A generator whose `next()` returns the given draws in turn (the rest is never called). */
function drawing(...draws: number[]): Rng {
  const rng = createRng(0);
  return {
    ...rng,
    next: () => {
      const draw = draws.shift();
      if (draw === undefined) {
        throw new Error('no draw left');
      }
      return draw;
    },
  };
}

const abc = [
  { value: 'a', weight: 1 },
  { value: 'b', weight: 2 },
  { value: 'c', weight: 1 },
];

describe('pickWeighted', () => {
  it('cuts [0, 1) into intervals as wide as the weights, each closed on the left', () => {
    // Weights 1, 2, 1 of 4: a on [0, 0.25), b on [0.25, 0.75), c on [0.75, 1).
    expect(pickWeighted(drawing(0), abc)).toBe('a');
    expect(pickWeighted(drawing(0.2499), abc)).toBe('a');
    expect(pickWeighted(drawing(0.25), abc)).toBe('b');
    expect(pickWeighted(drawing(0.7499), abc)).toBe('b');
    expect(pickWeighted(drawing(0.75), abc)).toBe('c');
    expect(pickWeighted(drawing(0.9999), abc)).toBe('c');
  });

  it('never picks an option of weight 0', () => {
    const options = [
      { value: 'never', weight: 0 },
      { value: 'only', weight: 3 },
      { value: 'nor this', weight: 0 },
    ];
    expect(pickWeighted(drawing(0), options)).toBe('only');
    expect(pickWeighted(drawing(1 - 2 ** -53), options)).toBe('only');
  });

  it('takes the last positive option when rounding leaves the draw at the very end', () => {
    // 0.1 + 0.2 + 0.3 sums to 0.6000000000000001, and (1 − 2⁻⁵³) × that minus each weight in
    // turn is exactly 0, never below it: the loop finds nothing and the fallback decides.
    const options = [
      { value: 'a', weight: 0.1 },
      { value: 'b', weight: 0.2 },
      { value: 'c', weight: 0.3 },
      { value: 'empty', weight: 0 },
    ];
    expect(pickWeighted(drawing(1 - 2 ** -53), options)).toBe('c');
  });

  it('draws in proportion to the weights (seed 11, 4,000 draws)', () => {
    const rng = createRng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) {
      const picked = pickWeighted(rng, abc) as keyof typeof counts;
      counts[picked]++;
    }
    // Expected 1,000 / 2,000 / 1,000; the binomial sd is at most √(4000 · ½ · ½) ≈ 32.
    expect(Math.abs(counts.a - 1000)).toBeLessThan(130);
    expect(Math.abs(counts.b - 2000)).toBeLessThan(130);
    expect(Math.abs(counts.c - 1000)).toBeLessThan(130);
  });

  it('refuses weights that are negative, not finite or all zero, naming the weight', () => {
    const rng = createRng(1);
    expect(() => pickWeighted(rng, [{ value: 'a', weight: -1 }])).toThrow(
      'weights must be finite and ≥ 0, not -1',
    );
    expect(() => pickWeighted(rng, [{ value: 'a', weight: Number.NaN }])).toThrow(/not NaN/);
    expect(() => pickWeighted(rng, [{ value: 'a', weight: Infinity }])).toThrow(/not Infinity/);
    expect(() => pickWeighted(rng, [{ value: 'a', weight: 0 }])).toThrow(
      'pickWeighted needs at least one positive weight',
    );
    expect(() => pickWeighted(rng, [])).toThrow(/at least one positive weight/);
  });
});
