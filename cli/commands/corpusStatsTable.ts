import type { CorpusStats } from '../../shared/corpus/corpusStats';

const percent = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const number = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));

/** The stats of a corpus and of its D_L subset, side by side, for a terminal. */
export function corpusStatsTable(report: {
  file: string;
  all: CorpusStats;
  lowQuality: CorpusStats;
  invalidLines: number;
  invalid: { line: number; error: string }[];
}): string {
  const { all, lowQuality: low } = report;
  const rows: [string, string, string][] = [
    ['dialogues', String(all.dialogues), String(low.dialogues)],
    ['mean length (acts)', number(all.meanLength), number(low.meanLength)],
    ['agreement', percent(all.agreementRate), percent(low.agreementRate)],
    ['Pareto-optimal deals', percent(all.paretoOptimalRate), percent(low.paretoOptimalRate)],
    ['walk-aways', percent(all.walkAwayRate), percent(low.walkAwayRate)],
    ['mean unique-act ratio', number(all.meanUniqueActRatio, 3), number(low.meanUniqueActRatio, 3)],
    ['mean act types used', number(all.meanActTypes), number(low.meanActTypes)],
    ['mean scores (A / B)', scores(all.meanScores), scores(low.meanScores)],
  ];
  const types = [
    ...new Set([...Object.keys(all.actDistribution), ...Object.keys(low.actDistribution)]),
  ].sort();
  const actRows = types.map((type): [string, string, string] => [
    `  ${type}`,
    percent(all.actDistribution[type] ?? 0),
    percent(low.actDistribution[type] ?? 0),
  ]);
  const width = Math.max(...[...rows, ...actRows].map(([label]) => label.length));
  const row = ([label, a, b]: [string, string, string]) =>
    `${label.padEnd(width)}  ${a.padStart(12)}  ${b.padStart(12)}`;
  const lines = [
    report.file,
    row(['', 'all', 'D_L']),
    ...rows.map(row),
    'share of acts:',
    ...actRows.map(row),
  ];
  if (report.invalidLines > 0) {
    lines.push(
      `${report.invalidLines} invalid lines, e.g. ${report.invalid
        .slice(0, 3)
        .map((i) => `line ${i.line}: ${i.error}`)
        .join('; ')}`,
    );
  }
  return lines.join('\n');
}

function scores(s: [number, number] | null): string {
  return s === null ? '–' : `${s[0].toFixed(2)} / ${s[1].toFixed(2)}`;
}
