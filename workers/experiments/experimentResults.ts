import { aggregateRuns, estimate, type Estimate } from '../../shared/metrics/aggregate';
import type { RunMetrics } from '../../shared/metrics/runMetrics';
import type { ExperimentConfig } from './experimentConfig';

/** One evaluation: a method's Alice and Bob against the expert after `epoch` epochs (0 = initial). */
export interface EpochResult {
  method: string;
  seed: number;
  epoch: number;
  alice: RunMetrics;
  bob: RunMetrics;
  /** Share of the acts in Bob's training data said by the oracle (TDA; 0 otherwise). */
  oracleShare: number;
  /** Wall-clock seconds of this epoch's training (0 for epoch 0). */
  seconds: number;
}

export interface ExperimentResults {
  format: 'parley-experiment/1';
  config: ExperimentConfig;
  seeds: number[];
  backend: string;
  runs: EpochResult[];
  summary: Record<string, EpochSummary[]>;
}

export type MetricsSummary = ReturnType<typeof aggregateRuns<RunMetrics>>;

export interface EpochSummary {
  epoch: number;
  alice: MetricsSummary;
  bob: MetricsSummary;
  oracleShare: Estimate | null;
  seconds: Estimate | null;
}

/** Mean ± standard error across seeds, per method and epoch. */
export function summarise(runs: readonly EpochResult[]): Record<string, EpochSummary[]> {
  const summary: Record<string, EpochSummary[]> = {};
  for (const method of [...new Set(runs.map((r) => r.method))]) {
    const mine = runs.filter((r) => r.method === method);
    const epochs = [...new Set(mine.map((r) => r.epoch))].sort((a, b) => a - b);
    summary[method] = epochs.map((epoch) => {
      const at = mine.filter((r) => r.epoch === epoch);
      return {
        epoch,
        alice: aggregateRuns(at.map((r) => r.alice)),
        bob: aggregateRuns(at.map((r) => r.bob)),
        oracleShare: estimate(at.map((r) => r.oracleShare)),
        seconds: estimate(at.map((r) => r.seconds)),
      };
    });
  }
  return summary;
}

const columns: { key: keyof MetricsSummary; label: string; percent: boolean }[] = [
  { key: 'advantage', label: 'Advantage', percent: false },
  { key: 'paretoOptimalRate', label: 'Pareto %', percent: true },
  { key: 'agreementRate', label: 'Agreement %', percent: true },
  { key: 'novelty', label: 'Novelty', percent: false },
  { key: 'meanScore', label: 'Alice score', percent: false },
  { key: 'meanPartnerScore', label: 'Expert score', percent: false },
];

/** The final epoch of every method as a markdown table (mean ± SE over seeds). */
export function summaryMarkdown(results: ExperimentResults): string {
  const format = (e: Estimate | null, percent: boolean) =>
    e === null
      ? '—'
      : percent
        ? `${(e.mean * 100).toFixed(1)} ± ${(e.standardError * 100).toFixed(1)}`
        : `${e.mean.toFixed(2)} ± ${e.standardError.toFixed(2)}`;
  const lines = [
    `Alice against the expert after ${results.config.epochs} epochs, ${results.seeds.length} seed(s), ${results.config.evaluationContexts} held-out contexts each (mean ± standard error).`,
    '',
    `| Method | ${columns.map((c) => c.label).join(' | ')} | Oracle-annotated % | s / epoch |`,
    `| --- | ${columns.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const [method, epochs] of Object.entries(results.summary)) {
    const last = epochs.at(-1);
    if (last === undefined) {
      continue;
    }
    const mean = epochs.filter((e) => e.epoch > 0).map((e) => e.seconds?.mean ?? 0);
    const perEpoch = mean.length === 0 ? 0 : mean.reduce((a, b) => a + b, 0) / mean.length;
    lines.push(
      `| ${method} | ${columns.map((c) => format(last.alice[c.key], c.percent)).join(' | ')} | ${format(last.oracleShare, true)} | ${perEpoch.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
