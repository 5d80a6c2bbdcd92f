import type { TournamentRow } from '../../shared/astra/tournament';

const percent = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const score = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export function formatTable(domainName: string, rows: readonly TournamentRow[]): string {
  const header = [
    'agent',
    'opponent',
    'n',
    'agreement',
    'own (agreed)',
    'partner (agreed)',
    'own (all)',
    'walk-away',
    'Pareto',
  ];
  const body = rows.map((r) => [
    r.agent,
    r.opponent,
    String(r.dialogues),
    percent(r.agreementRate),
    score(r.meanOwnScore),
    score(r.meanPartnerScore),
    score(r.meanOwnScoreAll),
    percent(r.walkAwayRate),
    percent(r.paretoRate),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    `${domainName}: ASTRA in Bob's seat; first speaker alternates`,
    render(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(render),
  ].join('\n');
}
