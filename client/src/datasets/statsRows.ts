import type { CorpusStats } from '../../../shared/corpus/corpusStats';
import { formatShare } from '../review/format';

/** One row of the D_H vs D_L table: a measure, formatted for all records and for D_L. */
export interface StatsRow {
  measure: string;
  all: string;
  lowQuality: string;
}

const num = (x: number | null, decimals = 1) => (x === null ? '—' : x.toFixed(decimals));

/**
 * The corpus statistics of a dataset and of its low-quality subset, side by side, as in the
 * paper's D_H vs D_L table: size, length, outcomes, scores, uniqueness, then the act mix.
 */
export function statsRows(all: CorpusStats, low: CorpusStats): StatsRow[] {
  const measures: [string, (s: CorpusStats) => string][] = [
    ['Dialogues', (s) => String(s.dialogues)],
    ['Mean acts per dialogue', (s) => num(s.meanLength)],
    ['Agreement', (s) => formatShare(s.agreementRate, 1)],
    ['Pareto-optimal deals', (s) => formatShare(s.paretoOptimalRate, 1)],
    ['Walk-aways', (s) => formatShare(s.walkAwayRate, 1)],
    [
      'Mean score (A / B)',
      (s) => (s.meanScores === null ? '—' : s.meanScores.map((x) => x.toFixed(2)).join(' / ')),
    ],
    ['Unique act ratio', (s) => formatShare(s.meanUniqueActRatio, 1)],
    ['Act types used', (s) => num(s.meanActTypes)],
  ];
  const rows = measures.map(([measure, f]) => ({ measure, all: f(all), lowQuality: f(low) }));
  const types = [
    ...new Set([...Object.keys(all.actDistribution), ...Object.keys(low.actDistribution)]),
  ].sort();
  for (const type of types) {
    rows.push({
      measure: `Acts: ${type}`,
      all: formatShare(all.actDistribution[type] ?? 0, 1),
      lowQuality: low.dialogues === 0 ? '—' : formatShare(low.actDistribution[type] ?? 0, 1),
    });
  }
  return rows;
}
