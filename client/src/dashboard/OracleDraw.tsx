import type { RoundCounts, RoundView } from '../../../shared/protocol/rounds';

const pct = (x: number) => `${Number((x * 100).toFixed(1))} %`;

type Row = [label: string, target: number, drawn: number | null, of: number | null];

/**
 * The oracle mix and gold rate as targets beside what the rank stage actually drew: each of the
 * k dialogues gets its oracle by a seeded draw, so k = 20 at 50/25/25 may well give 8/4/8.
 */
export function OracleDraw({
  round,
  counts,
}: {
  round: Pick<RoundView, 'oracleMix' | 'goldRate'>;
  counts: RoundCounts;
}) {
  const drawn = counts.drawn ?? null;
  const k = drawn === null ? null : drawn.human + drawn.simulatedExpert + drawn.astra;
  const rows: Row[] = [
    ['Human crowd', round.oracleMix.human, drawn?.human ?? null, k],
    ['Simulated expert', round.oracleMix.simulatedExpert, drawn?.simulatedExpert ?? null, k],
    ['ASTRA', round.oracleMix.astra, drawn?.astra ?? null, k],
    ['Gold (of human tasks)', round.goldRate, drawn?.gold ?? null, drawn?.human ?? null],
  ];
  return (
    <div className="count-group">
      <h3>Oracle draw</h3>
      <table className="stats-table" aria-label="Oracle draw">
        <thead>
          <tr>
            <th scope="col">Oracle</th>
            <th scope="col">Target share</th>
            <th scope="col">Drawn</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, target, n, of]) => (
            <tr key={label} data-testid={`draw-${label}`}>
              <th scope="row">{label}</th>
              <td>{pct(target)}</td>
              <td>
                {n === null || of === null
                  ? '—'
                  : `${n} of ${of}${of > 0 ? ` (${pct(n / of)})` : ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {drawn === null
          ? 'Drawn when the round ranks its dialogues: each one’s oracle is a seeded random draw by these shares.'
          : 'Each dialogue’s oracle (and each human task’s gold) is a seeded random draw by the target shares, so the counts drawn differ from them.'}
      </p>
    </div>
  );
}
