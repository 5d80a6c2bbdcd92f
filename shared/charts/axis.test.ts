import { describe, expect, it } from 'vitest';
import { niceAxis } from './axis';

describe('niceAxis', () => {
  it('widens the range to round ends and puts round ticks between them', () => {
    expect(niceAxis([0, 1], 5)).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis([0.34, 0.42], 5)).toEqual({
      min: 0.34,
      max: 0.42,
      ticks: [0.34, 0.36, 0.38, 0.4, 0.42],
    });
    // 3.7 … 61.2 with about 5 ticks: steps of 10 from 0 to 70.
    expect(niceAxis([61.2, 3.7, 20], 5)).toEqual({
      min: 0,
      max: 70,
      ticks: [0, 10, 20, 30, 40, 50, 60, 70],
    });
  });

  it('pads the data range before rounding, and pins the low end when asked', () => {
    // 0.3 … 0.5 padded by 25 % of 0.2 each side: 0.25 … 0.55, rounded to 0.25 … 0.55 by 0.05.
    const padded = niceAxis([0.3, 0.5], 5, { pad: 0.25 });
    expect(padded.min).toBeCloseTo(0.25, 12);
    expect(padded.max).toBeCloseTo(0.55, 12);
    // Scores from 0: the top is rounded up to cover the largest, about 4 ticks.
    expect(niceAxis([7.5, 3], 4, { from: 0 })).toEqual({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
  });

  it('gives a single value a range around it and no values [0, 1]; ignores non-finite values', () => {
    const flat = niceAxis([3, 3], 5);
    expect(flat.min).toBeLessThan(3);
    expect(flat.max).toBeGreaterThan(3);
    expect(niceAxis([0], 5)).toEqual({ min: -1, max: 1, ticks: [-1, -0.5, 0, 0.5, 1] });
    expect(niceAxis([], 5)).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis([Number.NaN, 2, Number.POSITIVE_INFINITY, 4], 2)).toEqual({
      min: 2,
      max: 4,
      ticks: [2, 3, 4],
    });
  });
});
