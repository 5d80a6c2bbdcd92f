import type { RoundCounts, RoundView } from '../../../shared/protocol/rounds';
import { OracleDraw } from './OracleDraw';

type Cell = [label: string, count: number, hint: string];

/** Tasks and annotations of a round, as counted by the server (`GET /rounds/:id/counts`). */
export function CountsPanel({
  counts,
  round,
}: {
  counts: RoundCounts;
  /** The round's configured mix, shown as targets beside the draw (omitted: no draw shown). */
  round?: Pick<RoundView, 'oracleMix' | 'goldRate'>;
}) {
  const { tasks, annotations, oracleAnnotations } = counts;
  const groups: [string, Cell[]][] = [
    [
      'Human tasks',
      [
        ['Tasks queued', tasks.queued, 'waiting for the crowd'],
        ['Tasks leased', tasks.leased, 'someone is annotating'],
        ['Tasks done', tasks.done, 'every slot completed'],
        ['Tasks closed', tasks.closed, 'unclaimable'],
        ['Gold tasks', tasks.gold, ''],
      ],
    ],
    [
      'Human annotations',
      [
        ['Annotations under way', annotations.active, ''],
        ['Pending review', annotations.pending, ''],
        ['Accepted', annotations.accepted, ''],
        ['Soft-rejected', annotations.softRejected, ''],
        ['Rejected', annotations.rejected, ''],
      ],
    ],
    [
      'Oracle continuations',
      [
        ['Simulated expert', oracleAnnotations.simulatedExpert, ''],
        ['ASTRA', oracleAnnotations.astra, ''],
      ],
    ],
  ];
  return (
    <div data-testid="round-counts">
      {round !== undefined && <OracleDraw round={round} counts={counts} />}
      {groups.map(([title, cells]) => (
        <div key={title} className="count-group">
          <h3>{title}</h3>
          <dl className="counts">
            {cells.map(([label, n, hint]) => (
              <div key={label} className={n === 0 ? 'zero' : ''}>
                <dt>{label}</dt>
                <dd data-testid={`count-${label}`}>{n}</dd>
                {hint !== '' && <dd className="muted small">{hint}</dd>}
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
