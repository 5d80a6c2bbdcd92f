import { describe, expect, it } from 'vitest';
import {
  aggregateRuns,
  estimate,
  regularizedIncompleteBeta,
  studentT975,
  studentTTwoSidedP,
  welchTTest,
} from './aggregate';

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

describe('welchTTest', () => {
  it('matches a hand-worked example', () => {
    // a = 1, 2, 3, 4: mean 2.5, s² = 5/3, s²/n = 5/12. b = 2, 4, 6, 8, 10: mean 6, s² = 10,
    // s²/n = 2. t = (2.5 − 6) / √(5/12 + 2) = −3.5 / √(29/12) = −2.2514…
    // df = (29/12)² / ((5/12)²/3 + 2²/4) = (841/144) / (457/432) = 2523/457 = 5.5208…
    const test = welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]);
    expect(test?.meanDifference).toBe(-3.5);
    expect(test?.t).toBeCloseTo(-3.5 / Math.sqrt(29 / 12), 12);
    expect(test?.df).toBeCloseTo(2523 / 457, 12);
    // Two-sided p for |t| = 2.2514 on 5.52 df lies between the tabled 0.05 (2.571 at 5 df,
    // 2.447 at 6) and 0.10 (2.015 at 5, 1.943 at 6).
    expect(test?.p).toBeGreaterThan(0.05);
    expect(test?.p).toBeLessThan(0.1);
  });

  it('gives the tabled two-sided p-values of Student’s t', () => {
    // t(0.975, ν) from the table: p = 0.05 at those t.
    expect(studentTTwoSidedP(12.706, 1)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedP(2.042, 30)).toBeCloseTo(0.05, 3);
    // t(0.995, 10) = 3.169: p = 0.01; the normal limit 1.96 → 0.05.
    expect(studentTTwoSidedP(3.169, 10)).toBeCloseTo(0.01, 4);
    expect(studentTTwoSidedP(1.959964, 1e7)).toBeCloseTo(0.05, 5);
    expect(studentTTwoSidedP(0, 7)).toBe(1);
    expect(studentTTwoSidedP(-2.228, 10)).toBeCloseTo(studentTTwoSidedP(2.228, 10), 12);
    expect(() => studentTTwoSidedP(1, 0)).toThrow(RangeError);
  });

  it('is undefined, not NaN, for fewer than two values or no variance', () => {
    expect(welchTTest([1], [1, 2, 3])).toBeNull();
    expect(welchTTest([], [])).toBeNull();
    expect(welchTTest([5, 5, 5], [5, 5])).toBeNull();
    // One group without variance still has a test.
    expect(welchTTest([5, 5, 5], [1, 2, 3])?.t).toBeCloseTo(3 / Math.sqrt(1 / 3), 12);
  });
});

describe('regularizedIncompleteBeta against closed forms', () => {
  // For whole a and b, I_x(a, b) is the binomial tail P(X ≥ a), X ~ Bin(a + b − 1, x).
  const binomialTail = (x: number, a: number, b: number): number => {
    const n = a + b - 1;
    let choose = 1;
    let sum = 0;
    for (let j = 0; j <= n; j++) {
      if (j >= a) {
        sum += choose * x ** j * (1 - x) ** (n - j);
      }
      choose = (choose * (n - j)) / (j + 1);
    }
    return sum;
  };

  it('matches the binomial tail for whole a and b, on both sides of the switch point', () => {
    // (a + 1) / (a + b + 2) is 3/7 for a = 2, b = 3: 0.1 and 0.3 use the fraction directly,
    // 0.6 and 0.95 through the symmetry.
    let checked = 0;
    for (const [a, b] of [
      [2, 3],
      [1, 1],
      [5, 2],
      [10, 10],
    ] as const) {
      for (const x of [0.1, 0.3, 0.6, 0.95]) {
        expect(regularizedIncompleteBeta(x, a, b), `I_${x}(${a}, ${b})`).toBeCloseTo(
          binomialTail(x, a, b),
          12,
        );
        checked++;
      }
    }
    expect(checked).toBe(16);
  });

  it('is x^a when b = 1, also for a below ½ (Γ by reflection there)', () => {
    expect(regularizedIncompleteBeta(0.2, 0.25, 1)).toBeCloseTo(0.2 ** 0.25, 12);
    expect(regularizedIncompleteBeta(0.8, 0.25, 1)).toBeCloseTo(0.8 ** 0.25, 12);
    expect(regularizedIncompleteBeta(0.5, 3.5, 1)).toBeCloseTo(0.5 ** 3.5, 12);
  });

  it('is 0 at x ≤ 0 and 1 at x ≥ 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-0.5, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBe(1);
  });
});

describe('studentTTwoSidedP against closed forms', () => {
  it('is the Cauchy tail at 1 degree of freedom and 1 − |t|/√(2 + t²) at 2', () => {
    for (const t of [0.3, 1, 2.5, 40]) {
      expect(studentTTwoSidedP(t, 1), `t = ${t}, ν = 1`).toBeCloseTo(
        1 - (2 / Math.PI) * Math.atan(t),
        10,
      );
      expect(studentTTwoSidedP(t, 2), `t = ${t}, ν = 2`).toBeCloseTo(
        1 - t / Math.sqrt(2 + t * t),
        10,
      );
    }
  });

  it('refuses degrees of freedom that are not positive, naming them', () => {
    expect(() => studentTTwoSidedP(1, -2)).toThrow('degrees of freedom must be positive, got -2');
    expect(() => studentTTwoSidedP(1, Number.NaN)).toThrow(/got NaN/);
  });
});

describe('small samples', () => {
  it('tests two samples of two values each', () => {
    // a = 1, 3: mean 2, s² = 2, s²/n = 1. b = 6, 10: mean 8, s² = 8, s²/n = 4.
    // t = −6 / √5; df = 25 / (1/1 + 16/1) = 25/17.
    const test = welchTTest([1, 3], [6, 10]);
    expect(test?.t).toBeCloseTo(-6 / Math.sqrt(5), 12);
    expect(test?.df).toBeCloseTo(25 / 17, 12);
    expect(test?.meanDifference).toBe(-6);
  });

  it('needs two values on each side, the second sample too', () => {
    expect(welchTTest([1, 2, 3], [4])).toBeNull();
  });

  it('tests two samples of equal spread', () => {
    // a = 1, 3 and b = 6, 8: s²/n = 1 on both sides; t = −5 / √2, df = 4 / (1 + 1) = 2.
    const test = welchTTest([1, 3], [6, 8]);
    expect(test?.t).toBeCloseTo(-5 / Math.sqrt(2), 12);
    expect(test?.df).toBeCloseTo(2, 12);
    // At 2 degrees of freedom p = 1 − |t| / √(2 + t²).
    const t = 5 / Math.sqrt(2);
    expect(test?.p).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 10);
  });

  it('gives two values a 95 % interval of t(0.975, 1) = 12.706 standard errors', () => {
    // 1 and 3: sd √2, SE √2/√2 = 1.
    expect(estimate([1, 3])).toEqual({ mean: 2, standardError: 1, ci95: 12.706, n: 2 });
  });

  it('refuses a fractional number of degrees of freedom, naming it', () => {
    expect(() => studentT975(2.5)).toThrow(
      'degrees of freedom must be a whole number ≥ 1, got 2.5',
    );
    expect(studentT975(30)).toBe(2.042);
  });
});

describe('aggregateRuns, uneven runs', () => {
  it('counts a metric missing from a run as no value, and ignores fields that are not numbers', () => {
    interface Run {
      rate: number | null;
      label: string;
      ok: boolean;
    }
    // Run b was written before the metric existed (an old summary file).
    const runs: Run[] = [
      { rate: 0.2, label: 'a', ok: true },
      { label: 'b', ok: false } as Run,
      { rate: null, label: 'c', ok: true },
      { rate: 0.4, label: 'd', ok: true },
    ];
    const result = aggregateRuns(runs);
    expect(Object.keys(result)).toEqual(['rate']);
    expect(result.rate?.n).toBe(2);
    expect(result.rate?.mean).toBeCloseTo(0.3, 12);
  });

  it('keeps a metric that is null in every run, as null', () => {
    expect(aggregateRuns([{ rate: null }, { rate: null }])).toEqual({ rate: null });
  });
});

describe('studentT975 beyond the table', () => {
  /**
   * The 0.975 quantile from the definition: the density of Student's t integrated by Simpson's
   * rule from 0 (where half the mass lies) and bisected for 0.475. Γ((ν + 1)/2) / Γ(ν/2) comes
   * from its value at ν = 1 or 2 and the step Γ(x + 1) = x Γ(x).
   */
  function quantile975ByIntegration(nu: number): number {
    let ratio = nu % 2 === 1 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
    for (let v = nu % 2 === 1 ? 1 : 2; v < nu; v += 2) {
      ratio *= (v + 1) / v;
    }
    const density = (x: number) =>
      (ratio / Math.sqrt(nu * Math.PI)) * (1 + (x * x) / nu) ** (-(nu + 1) / 2);
    const mass = (t: number) => {
      const steps = 2000;
      const h = t / steps;
      let sum = density(0) + density(t);
      for (let i = 1; i < steps; i++) {
        sum += (i % 2 === 1 ? 4 : 2) * density(i * h);
      }
      return (sum * h) / 3;
    };
    let low = 1.9;
    let high = 2.2;
    for (let i = 0; i < 60; i++) {
      const mid = (low + high) / 2;
      if (mass(mid) < 0.475) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  it('agrees with the integrated density, closer as ν grows', () => {
    // The integration reproduces the table (2.042 at 30, 2.0422725 by integration).
    expect(quantile975ByIntegration(30)).toBeCloseTo(2.042, 3);
    // The three-term expansion is off by about 1.2e-5 at 60 and 1.5e-6 at 120.
    expect(Math.abs(studentT975(60) - quantile975ByIntegration(60))).toBeLessThan(2e-5);
    expect(Math.abs(studentT975(120) - quantile975ByIntegration(120))).toBeLessThan(3e-6);
  });
});
