/** A metric across runs (e.g. seeds): its mean, the standard error of that mean, and n. */
export interface Estimate {
  mean: number;
  /** Sample standard deviation / √n; 0 for a single run (nothing to estimate it from). */
  standardError: number;
  n: number;
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
    return { mean, standardError: 0, n };
  }
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, standardError: Math.sqrt(variance / n), n };
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
