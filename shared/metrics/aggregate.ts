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
