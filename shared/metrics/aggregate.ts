/** A metric across runs (e.g. seeds): its mean, the standard error of that mean, and n. */
export interface Estimate {
  mean: number;
  /** Sample standard deviation / √n; 0 for a single run (nothing to estimate it from). */
  standardError: number;
  /**
   * Half-width of the 95 % confidence interval of the mean (Student's t, n − 1 degrees of
   * freedom): the interval is mean ± ci95. Null for a single run.
   */
  ci95: number | null;
  n: number;
}

// t(0.975, ν) for ν = 1…30, from the standard tables.
const t975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/**
 * The 0.975 quantile of Student's t with ν degrees of freedom: the table up to 30, beyond it the
 * Cornish–Fisher expansion around the normal quantile (off by < 0.001 there).
 */
export function studentT975(degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1) {
    throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${degreesOfFreedom}`);
  }
  const tabled = t975[degreesOfFreedom - 1];
  if (tabled !== undefined) {
    return tabled;
  }
  const z = 1.959964;
  const v = degreesOfFreedom;
  return z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2);
}

/** Mean and standard error of the non-null values; null when there are none. */
export function estimate(values: readonly (number | null)[]): Estimate | null {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) {
    return null;
  }
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) {
    return { mean, standardError: 0, ci95: null, n };
  }
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  return { mean, standardError, ci95: studentT975(n - 1) * standardError, n };
}

type NumericKeys<T> = { [K in keyof T]-?: T[K] extends number | null ? K : never }[keyof T];

/**
 * Aggregates per-run metrics (one object per seed) field by field: every numeric field of the
 * runs becomes an Estimate (or null when no run had a value for it).
 */
export function aggregateRuns<T extends object>(
  runs: readonly T[],
): { [K in NumericKeys<T>]: Estimate | null } {
  const keys = new Set<NumericKeys<T>>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run)) {
      if (typeof value === 'number' || value === null) {
        keys.add(key as NumericKeys<T>);
      }
    }
  }
  const result = {} as { [K in NumericKeys<T>]: Estimate | null };
  for (const key of keys) {
    result[key] = estimate(runs.map((run) => (run[key] as number | null | undefined) ?? null));
  }
  return result;
}

/** Welch's unequal-variance t-test of mean(a) − mean(b). */
export interface WelchTest {
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not a whole number in general). */
  df: number;
  /** Two-sided p-value. */
  p: number;
  meanDifference: number;
}

/**
 * Welch's t-test of two independent samples: t = (ā − b̄) / √(s²ₐ/nₐ + s²_b/n_b), df by
 * Welch–Satterthwaite, p two-sided from Student's t. Null when it is undefined: a sample with
 * fewer than two values, or both samples without variance (every value equal within each).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchTest | null {
  if (a.length < 2 || b.length < 2) {
    return null;
  }
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = (xs: readonly number[], m: number) =>
    xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  const ma = mean(a);
  const mb = mean(b);
  const va = variance(a, ma) / a.length;
  const vb = variance(b, mb) / b.length;
  if (va + vb === 0) {
    return null;
  }
  const t = (ma - mb) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df, p: studentTTwoSidedP(t, df), meanDifference: ma - mb };
}

/** P(|T| ≥ |t|) for Student's t with ν > 0 degrees of freedom: I_{ν/(ν+t²)}(ν/2, ½). */
export function studentTTwoSidedP(t: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`degrees of freedom must be positive, got ${degreesOfFreedom}`);
  }
  return regularizedIncompleteBeta(
    degreesOfFreedom / (degreesOfFreedom + t * t),
    degreesOfFreedom / 2,
    0.5,
  );
}

/** I_x(a, b), the regularized incomplete beta function (Lentz's continued fraction). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) {
    return 0;
  }
  if (x >= 1) {
    return 1;
  }
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) {
    return (front * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      c = Math.abs(c) < tiny ? tiny : c;
      h *= d * c;
    }
    // The last factor of the pair decides convergence.
    if (Math.abs(d * c - 1) < 1e-14) {
      break;
    }
  }
  return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error < 1e-13). */
function logGamma(x: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = coefficients[0] ?? 0;
  for (let i = 1; i < coefficients.length; i++) {
    sum += (coefficients[i] ?? 0) / (z + i);
  }
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
