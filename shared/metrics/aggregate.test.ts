import { describe, expect, it } from 'vitest';
import { aggregateRuns, estimate, studentT975 } from './aggregate';

describe('estimate', () => {
  it('gives the mean and the standard error of the mean', () => {
    // Sample sd of 2, 4, 4, 4, 5, 5, 7, 9 is √(32/7); the SE divides it by √8.
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e?.mean).toBe(5);
    expect(e?.standardError).toBeCloseTo(Math.sqrt(32 / 7) / Math.sqrt(8), 12);
    expect(e?.n).toBe(8);
    // 95 % interval: t(0.975, 7) = 2.365 standard errors either side.
    expect(e?.ci95).toBeCloseTo(2.365 * (Math.sqrt(32 / 7) / Math.sqrt(8)), 12);
  });

  it('widens the interval for few seeds and approaches the normal 1.96 for many', () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(4)).toBe(2.776);
    // The expansion beyond the table joins it: at 30 it agrees with the table to 0.001.
    expect(Math.abs(studentT975(31) - 2.04)).toBeLessThan(0.001);
    expect(Math.abs(studentT975(120) - 1.98)).toBeLessThan(0.001);
    expect(Math.abs(studentT975(100_000) - 1.96)).toBeLessThan(0.001);
    expect(() => studentT975(0)).toThrow(RangeError);
  });

  it('skips nulls, has no error for one value and nothing for none', () => {
    expect(estimate([null, 3, null])).toEqual({ mean: 3, standardError: 0, ci95: null, n: 1 });
    expect(estimate([null])).toBeNull();
    expect(estimate([])).toBeNull();
  });
});

describe('aggregateRuns', () => {
  it('turns each numeric metric across seeds into an estimate', () => {
    const runs = [
      { agreementRate: 0.5, paretoOptimalRate: null, name: 'seed 1' },
      { agreementRate: 0.7, paretoOptimalRate: 0.9, name: 'seed 2' },
    ];
    const result = aggregateRuns(runs);
    expect(result.agreementRate?.mean).toBeCloseTo(0.6);
    expect(result.agreementRate?.standardError).toBeCloseTo(0.1);
    expect(result.paretoOptimalRate).toEqual({ mean: 0.9, standardError: 0, ci95: null, n: 1 });
    expect(Object.keys(result).sort()).toEqual(['agreementRate', 'paretoOptimalRate']);
  });
});
