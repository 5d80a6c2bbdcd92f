import type { DataSummary } from './experimentData';
import { aggregateRuns, estimate, type Estimate } from '../shared/metrics/aggregate';
import type { RunMetrics } from '../shared/metrics/runMetrics';
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
  /**
   * Share of the acts of this epoch's annotated dialogues (D′ of the epoch: the self-play
   * prefix and the oracle's continuation) said by the oracle; null at epoch 0 and outside TDA.
   * Unlike `oracleShare`, which is cumulative and can only rise, it falls when the most novel
   * act, where a dialogue is cut, comes later. Absent in results written before it existed.
   */
  annotatedOracleShare?: number | null;
  /** Wall-clock seconds of this epoch's training (0 for epoch 0). */
  seconds: number;
}

export interface ExperimentResults {
  format: 'parley-experiment/1';
  config: ExperimentConfig;
  seeds: number[];
  backend: string;
  /** Each seed's data: records used and left out (why), D_H and D_L side by side, the expert's self-play. */
  data?: Record<string, Partial<DataSummary>>;
  runs: EpochResult[];
  summary: Record<string, EpochSummary[]>;
}

export type MetricsSummary = ReturnType<typeof aggregateRuns<RunMetrics>>;

export interface EpochSummary {
  epoch: number;
  alice: MetricsSummary;
  bob: MetricsSummary;
  oracleShare: Estimate | null;
  annotatedOracleShare: Estimate | null;
  seconds: Estimate | null;
}

/** Mean, standard error and 95 % confidence interval across seeds, per method and epoch. */
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
        annotatedOracleShare: estimate(at.map((r) => r.annotatedOracleShare ?? null)),
        seconds: estimate(at.map((r) => r.seconds)),
      };
    });
  }
  return summary;
}

const columns = (
  agent: string,
): { key: keyof MetricsSummary; label: string; percent: boolean }[] => [
  { key: 'advantage', label: 'Advantage', percent: false },
  { key: 'paretoOptimalRate', label: 'Pareto %', percent: true },
  { key: 'agreementRate', label: 'Agreement %', percent: true },
  { key: 'novelty', label: 'Novelty', percent: false },
  { key: 'meanScore', label: `${agent} score`, percent: false },
  { key: 'meanPartnerScore', label: 'Expert score', percent: false },
];

/**
 * The final epoch of every method as markdown tables, Alice's then Bob's, against the expert:
 * mean ± the 95 % confidence interval over seeds, or the mean alone with one seed (no spread).
 */
export function summaryMarkdown(results: ExperimentResults): string {
  const oneSeed = results.seeds.length === 1;
  const format = (e: Estimate | null, percent: boolean) => {
    if (e === null) {
      return '—';
    }
    const scale = percent ? 100 : 1;
    const digits = percent ? 1 : 2;
    const mean = (e.mean * scale).toFixed(digits);
    return e.ci95 === null ? mean : `${mean} ± ${(e.ci95 * scale).toFixed(digits)}`;
  };
  const seeds = oneSeed
    ? '1 seed, no spread (run --seeds 5 or more for mean ± 95 % confidence interval)'
    : `${results.seeds.length} seeds, mean ± half-width of its 95 % confidence interval (Student's t)`;
  const finals = Object.entries(results.summary).flatMap(([method, epochs]) => {
    const last = epochs.at(-1);
    return last === undefined ? [] : [{ method, epochs, last }];
  });
  const epochCount = `${results.config.epochs} epoch${results.config.epochs === 1 ? '' : 's'}`;
  const alice = columns('Alice');
  const bob = columns('Bob');
  const lines = [
    `Alice against the expert after ${epochCount}, ${results.config.evaluationContexts} held-out contexts each; ${seeds}.`,
    '',
    `| Method | ${alice.map((c) => c.label).join(' | ')} | Oracle-annotated % | s / epoch |`,
    `| --- | ${alice.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const { method, epochs, last } of finals) {
    const mean = epochs.filter((e) => e.epoch > 0).map((e) => e.seconds?.mean ?? 0);
    const perEpoch = mean.length === 0 ? 0 : mean.reduce((a, b) => a + b, 0) / mean.length;
    lines.push(
      `| ${method} | ${alice.map((c) => format(last.alice[c.key], c.percent)).join(' | ')} | ${format(last.oracleShare, true)} | ${perEpoch.toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    `Bob against the expert after ${epochCount} (Bob learns only in TDA; elsewhere he is the initial Bob).`,
    '',
    `| Method | ${bob.map((c) => c.label).join(' | ')} |`,
    `| --- | ${bob.map(() => '---').join(' | ')} |`,
  );
  for (const { method, last } of finals) {
    lines.push(`| ${method} | ${bob.map((c) => format(last.bob[c.key], c.percent)).join(' | ')} |`);
  }
  return lines.join('\n');
}
