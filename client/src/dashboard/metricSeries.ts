import type { RoundEvaluation, RoundView } from '../../../shared/protocol/rounds';

/** The per-epoch metrics the dashboard plots, read from a round's evaluations. */
export const plottedMetrics = [
  {
    id: 'advantage',
    title: 'Advantage (own − partner score)',
    percent: false,
    read: (e: RoundEvaluation, who: 'alice' | 'bob') => e[who].advantage,
  },
  {
    id: 'pareto',
    title: 'Pareto-optimal deals',
    percent: true,
    read: (e: RoundEvaluation, who: 'alice' | 'bob') => e[who].paretoOptimalRate,
  },
  {
    id: 'agreement',
    title: 'Agreement rate',
    percent: true,
    read: (e: RoundEvaluation, who: 'alice' | 'bob') => e[who].agreementRate,
  },
  {
    id: 'novelty',
    title: 'Novelty',
    percent: false,
    read: (e: RoundEvaluation, who: 'alice' | 'bob') => e[who].novelty,
  },
  {
    id: 'oracle',
    title: 'Oracle-annotated acts in Bob’s data',
    percent: true,
    // One number per epoch, not per agent: plotted once (as Bob's, whose data it describes).
    read: (e: RoundEvaluation, who: 'alice' | 'bob') => (who === 'bob' ? e.oracleShare : null),
  },
] as const;

export type MetricId = (typeof plottedMetrics)[number]['id'];

export interface SeriesPoint {
  x: number;
  y: number;
  /** Standard deviation over seeds, when there are several. */
  err?: number;
}

export interface Series {
  label: string;
  agent: 'alice' | 'bob';
  group: number;
  points: SeriesPoint[];
}

/**
 * Rounds that differ only in their seed (and name) are repetitions of one experiment: their
 * curves are averaged, with the standard deviation as error bars.
 */
export function experimentKey(round: RoundView): string {
  const { domain, checkpoints, selfPlayDialogues, annotate, noveltyMetric, oracleMix } = round;
  const { redundancy, goldRate, retrainingPolicy } = round;
  return JSON.stringify([
    domain,
    checkpoints,
    selfPlayDialogues,
    annotate,
    noveltyMetric,
    oracleMix,
    redundancy,
    goldRate,
    retrainingPolicy,
  ]);
}

export function groupBySeeds(rounds: readonly RoundView[]): RoundView[][] {
  const groups = new Map<string, RoundView[]>();
  for (const round of rounds) {
    const key = experimentKey(round);
    groups.set(key, [...(groups.get(key) ?? []), round]);
  }
  return [...groups.values()];
}

/** A name for repetitions: their names' common start ("exp seed 1", "exp seed 2" → "exp"). */
export function commonName(names: readonly string[]): string {
  const first = names[0] ?? '';
  let end = first.length;
  for (const name of names) {
    let i = 0;
    while (i < end && name[i] === first[i]) {
      i++;
    }
    end = i;
  }
  const prefix = first
    .slice(0, end)
    .replace(/[\s_\-:#(]*(seed|s)?[\s_\-:#=]*$/i, '')
    .trim();
  return prefix === '' ? first : prefix;
}

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance =
    values.length < 2 ? 0 : values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** One series per experiment and agent for a metric; empty when no round has results. */
export function metricSeries(rounds: readonly RoundView[], metric: MetricId): Series[] {
  const spec = plottedMetrics.find((m) => m.id === metric);
  if (spec === undefined) {
    return [];
  }
  const series: Series[] = [];
  groupBySeeds(rounds.filter((r) => r.results !== null)).forEach((group, index) => {
    const names = group.map((r) => r.name);
    const label =
      group.length > 1 ? `${commonName(names)} (${group.length} seeds)` : (names[0] as string);
    for (const agent of ['alice', 'bob'] as const) {
      const byEpoch = new Map<number, number[]>();
      for (const round of group) {
        for (const evaluation of round.results?.evaluations ?? []) {
          const value = spec.read(evaluation, agent);
          if (value !== null) {
            byEpoch.set(evaluation.epoch, [...(byEpoch.get(evaluation.epoch) ?? []), value]);
          }
        }
      }
      const points = [...byEpoch.entries()]
        .sort(([a], [b]) => a - b)
        .map(([x, values]) => {
          const { mean, sd } = meanAndSd(values);
          return values.length > 1 ? { x, y: mean, err: sd } : { x, y: mean };
        });
      if (points.length > 0) {
        series.push({
          label: `${label} — ${agent === 'alice' ? 'Alice' : 'Bob'}`,
          agent,
          group: index,
          points,
        });
      }
    }
  });
  return series;
}

/**
 * The epochs the rounds were evaluated at, first to last: every chart of the rounds uses it, so
 * a metric missing at some epoch (no deals → no Pareto rate) does not shift its chart's axis.
 */
export function epochRange(rounds: readonly RoundView[]): [number, number] | undefined {
  const epochs = rounds.flatMap((r) => (r.results?.evaluations ?? []).map((e) => e.epoch));
  return epochs.length === 0 ? undefined : [Math.min(...epochs), Math.max(...epochs)];
}
