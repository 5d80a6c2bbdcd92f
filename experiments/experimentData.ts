import { corpusStats, type CorpusStats } from '../shared/corpus/corpusStats';
import type { RunMetrics } from '../shared/metrics/runMetrics';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { parsePopulation } from '../shared/corpus/population';
import { learnableState } from '../shared/corpus/recordConversion';
import { isLowQuality } from '../shared/corpus/uniqueActs';
import type { DialogueState } from '../shared/dialogue/dialogue';
import type { Context, Domain } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import type { ExperimentConfig } from './experimentConfig';

export interface ExperimentData {
  /** D_H: the full corpus the expert learns from. */
  high: DialogueState[];
  /** D_L: its low-quality subset (by `config.lowQuality`), from which Alice and Bob start. */
  low: DialogueState[];
  /** Records that could not be learned from, with why (another domain; a record that does not replay). */
  skipped: { id: string; reason: string }[];
  /** D_H and D_L side by side, as the paper's supplementary table compares them. */
  stats: { high: CorpusStats; low: CorpusStats };
  evaluationContexts: Context[];
}

/** What results.json says of a seed's data. */
export interface DataSummary {
  /** Records in D_H. */
  used: number;
  /** Records left out, by reason. */
  leftOut: Record<string, number>;
  lowQuality: string;
  high: CorpusStats;
  low: CorpusStats;
  /** The expert (SL on D_H) against itself on the evaluation contexts. */
  expertSelfPlay: RunMetrics;
}

/** Below these, an experiment's data cannot say anything: it stops and says so. */
export const minimumData = { high: 20, low: 10 };

/** The data cannot support the experiment (too few dialogues, no deals): stop, naming the numbers. */
export class DegenerateDataError extends RangeError {
  override name = 'DegenerateDataError';
}

/**
 * The data of one seed: D_H (synthetic from the config's population and the seed, or the given
 * records, human dialogues kept as people said them), D_L ⊂ D_H, and held-out evaluation contexts
 * drawn apart from both. Throws DegenerateDataError when D_H or D_L is too small or has no deals.
 */
export function experimentData(
  domain: Domain,
  config: ExperimentConfig,
  seed: number,
  records?: readonly DialogueRecord[],
): ExperimentData {
  const source =
    config.data.source === 'synthetic'
      ? [
          ...generateCorpus({
            domain,
            dialogues: config.data.dialogues,
            seed: `${seed}/data`,
            population: parsePopulation(config.data.population),
          }),
        ]
      : [...(records ?? [])];
  const high: DialogueState[] = [];
  const kept: DialogueRecord[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const record of source) {
    if (record.domain !== domain.id) {
      skipped.push({ id: record.id, reason: `domain ${record.domain}` });
      continue;
    }
    try {
      high.push(learnableState(record));
      kept.push(record);
    } catch (error) {
      skipped.push({ id: record.id, reason: (error as Error).message });
    }
  }
  const lowRecords = kept.filter((r) => isLowQuality(r, config.lowQuality));
  const stats = { high: corpusStats(kept), low: corpusStats(lowRecords) };
  checkData(stats, skipped.length, config);
  const rng = createRng(`${seed}/evaluation`);
  return {
    high,
    low: high.filter((d) => isLowQuality(d, config.lowQuality)),
    skipped,
    stats,
    evaluationContexts: Array.from({ length: config.evaluationContexts }, () =>
      domain.sampleContext(rng),
    ),
  };
}

function checkData(
  stats: { high: CorpusStats; low: CorpusStats },
  skipped: number,
  config: ExperimentConfig,
): void {
  const { high, low } = stats;
  const deals = Math.round((high.agreementRate ?? 0) * high.dialogues);
  const left = skipped > 0 ? ` (${skipped} records left out)` : '';
  if (high.dialogues < minimumData.high) {
    throw new DegenerateDataError(
      `D_H has ${high.dialogues} dialogues${left}; an experiment needs at least ${minimumData.high}`,
    );
  }
  if (deals === 0) {
    throw new DegenerateDataError(
      `D_H has no deal in its ${high.dialogues} dialogues: the expert could learn no agreement`,
    );
  }
  if (config.init === 'sl-low' && low.dialogues < minimumData.low) {
    throw new DegenerateDataError(
      `D_L (${config.lowQuality}) has ${low.dialogues} of D_H's ${high.dialogues} dialogues; Alice and Bob need at least ${minimumData.low} to start from (try lowQuality: ${config.lowQuality === 'literal' ? 'act-types' : 'literal'}, or init: scratch)`,
    );
  }
}

/** D_H and D_L side by side (plain text, for the log). */
export function dataTable(stats: { high: CorpusStats; low: CorpusStats }): string {
  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);
  const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const types = [
    ...new Set([
      ...Object.keys(stats.high.actDistribution),
      ...Object.keys(stats.low.actDistribution),
    ]),
  ].sort();
  const row = (name: string, h: string, l: string) =>
    `  ${name.padEnd(22)} ${h.padStart(9)} ${l.padStart(9)}`;
  return [
    row('', 'D_H', 'D_L'),
    row('dialogues', String(stats.high.dialogues), String(stats.low.dialogues)),
    row('mean length (acts)', num(stats.high.meanLength), num(stats.low.meanLength)),
    row('agreement', pct(stats.high.agreementRate), pct(stats.low.agreementRate)),
    row(
      'Pareto-optimal deals',
      pct(stats.high.paretoOptimalRate),
      pct(stats.low.paretoOptimalRate),
    ),
    ...types.map((t) =>
      row(
        `share of ${t}`,
        pct(stats.high.actDistribution[t] ?? 0),
        pct(stats.low.actDistribution[t] ?? 0),
      ),
    ),
  ].join('\n');
}
