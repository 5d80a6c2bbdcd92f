import { estimate, type Estimate } from '../../shared/metrics/aggregate';
import type { RunMetrics } from '../../shared/metrics/runMetrics';
import type { EpochResult, ExperimentResults } from '../../experiments/experimentResults';

/** Whose metrics against the expert: Alice (who learns in every method) or Bob (TDA only). */
export type Who = 'alice' | 'bob';

/**
 * The measures the report reads from an evaluation. The paper's alternative metrics count over
 * **all** negotiations; `RunMetrics` counts max-joint and equal-score deals over deals, so the
 * share of all is that rate × the agreement rate (deals / dialogues).
 */
export type Measure =
  | 'advantage'
  | 'paretoOptimalRate'
  | 'agreementRate'
  | 'novelty'
  | 'meanScore'
  | 'meanLength'
  | 'maxJointOfAll'
  | 'equalScoreOfAll'
  /** Of the run, not of one agent: the oracle's share of the epoch's own annotations (Fig. 3). */
  | 'annotatedOracleShare';

export const measureLabels: Record<Measure, { label: string; percent: boolean }> = {
  advantage: { label: 'advantage (points)', percent: false },
  paretoOptimalRate: { label: 'Pareto-optimal deals %', percent: true },
  agreementRate: { label: 'agreement %', percent: true },
  novelty: { label: 'novelty', percent: false },
  meanScore: { label: 'own score', percent: false },
  meanLength: { label: 'dialogue length (acts)', percent: false },
  maxJointOfAll: { label: 'max joint score, % of all', percent: true },
  equalScoreOfAll: { label: 'equal scores, % of all', percent: true },
  annotatedOracleShare: { label: "oracle's share of the epoch's annotations %", percent: true },
};

/** Alice's measures in Fig. 2 (its table and its figure). */
export const fig2Measures: readonly Measure[] = [
  'advantage',
  'paretoOptimalRate',
  'agreementRate',
  'novelty',
  'meanScore',
  'meanLength',
];

export function measureOf(run: EpochResult, who: Who, measure: Measure): number | null {
  if (measure === 'annotatedOracleShare') {
    return run.annotatedOracleShare ?? null;
  }
  return agentMeasure(run[who], measure);
}

/** A measure of one agent's metrics (the alternative metrics derived, the rest as they are). */
export function agentMeasure(
  metrics: RunMetrics,
  measure: Exclude<Measure, 'annotatedOracleShare'>,
): number | null {
  if (measure === 'maxJointOfAll') {
    return product(metrics.maxJointRate, metrics.agreementRate);
  }
  if (measure === 'equalScoreOfAll') {
    return product(metrics.equalScoreRate, metrics.agreementRate);
  }
  return metrics[measure];
}

function product(a: number | null, b: number | null): number | null {
  // No deals: none of them can be at the maximum, so 0 of all negotiations (not unknown).
  if (b === 0) {
    return 0;
  }
  return a === null || b === null ? null : a * b;
}

/** The expert against itself (each seed's self-play), over seeds: the figures' reference level. */
export function expertLevel(
  results: ExperimentResults,
  measure: Exclude<Measure, 'annotatedOracleShare'>,
): Estimate | null {
  return estimate(
    Object.values(results.data ?? {}).map((d) =>
      d.expertSelfPlay === undefined ? null : agentMeasure(d.expertSelfPlay, measure),
    ),
  );
}

/** The last epoch each method reached in a results document (its config's `epochs`). */
export function finalEpoch(results: ExperimentResults): number {
  return results.config.epochs;
}

/** One method's evaluations at an epoch, by seed. */
export function bySeed(
  results: ExperimentResults,
  method: string,
  epoch: number,
): Map<number, EpochResult> {
  return new Map(
    results.runs.filter((r) => r.method === method && r.epoch === epoch).map((r) => [r.seed, r]),
  );
}

export interface Point {
  method: string;
  /** Epoch; `final` = the document's last. */
  epoch: number | 'final';
}

export function resolveEpoch(results: ExperimentResults, point: Point): number {
  return point.epoch === 'final' ? finalEpoch(results) : point.epoch;
}

/** A measure's estimate over seeds (mean, 95 % interval) for a method at an epoch. */
export function measureEstimate(
  results: ExperimentResults,
  who: Who,
  measure: Measure,
  point: Point,
): Estimate | null {
  const runs = bySeed(results, point.method, resolveEpoch(results, point));
  return estimate([...runs.values()].map((r) => measureOf(r, who, measure)));
}

/** A method at an epoch of one study's results. */
export interface StudyPoint extends Point {
  results: ExperimentResults;
}

/**
 * a − b within each seed, then its mean and 95 % interval over seeds. A seed fixes the data, the
 * expert, the evaluation contexts and (within a study) the initial models, so the paired
 * difference removes what the two sides share. Seeds missing on either side are left out.
 */
export function pairedDifference(
  who: Who,
  measure: Measure,
  a: StudyPoint,
  b: StudyPoint,
): Estimate | null {
  const left = bySeed(a.results, a.method, resolveEpoch(a.results, a));
  const right = bySeed(b.results, b.method, resolveEpoch(b.results, b));
  const diffs: (number | null)[] = [];
  for (const [seed, run] of left) {
    const other = right.get(seed);
    if (other === undefined) {
      continue;
    }
    const x = measureOf(run, who, measure);
    const y = measureOf(other, who, measure);
    diffs.push(x === null || y === null ? null : x - y);
  }
  return estimate(diffs);
}

export function formatMeasure(value: number | null, measure: Measure): string {
  if (value === null) {
    return '—';
  }
  return measureLabels[measure].percent ? (value * 100).toFixed(1) : value.toFixed(2);
}

/** "mean ± half-width" (or the mean alone for one seed). */
export function formatEstimate(value: Estimate | null, measure: Measure): string {
  if (value === null) {
    return '—';
  }
  const mean = formatMeasure(value.mean, measure);
  return value.ci95 === null ? mean : `${mean} ± ${formatMeasure(value.ci95, measure)}`;
}
