import type { RoundCounts } from '../../../shared/protocol/rounds';

/** Tasks and annotations of a round, as counted by the server (`GET /rounds/:id/counts`). */
export function CountsPanel({ counts }: { counts: RoundCounts }) {
  const { tasks, annotations, oracleAnnotations } = counts;
  const cells: [string, number, string][] = [
    ['Tasks queued', tasks.queued, 'waiting for the crowd'],
    ['Tasks leased', tasks.leased, 'someone is annotating'],
    ['Tasks done', tasks.done, 'every slot completed'],
    ['Tasks closed', tasks.closed, 'unclaimable'],
    ['Gold tasks', tasks.gold, ''],
    ['Annotations under way', annotations.active, ''],
    ['Pending review', annotations.pending, ''],
    ['Accepted', annotations.accepted, ''],
    ['Soft-rejected', annotations.softRejected, ''],
    ['Rejected', annotations.rejected, ''],
    ['Simulated expert', oracleAnnotations.simulatedExpert, 'continuations'],
    ['ASTRA', oracleAnnotations.astra, 'continuations'],
  ];
  return (
    <dl className="counts" data-testid="round-counts">
      {cells.map(([label, n, hint]) => (
        <div key={label} className={n === 0 ? 'zero' : ''}>
          <dt>{label}</dt>
          <dd data-testid={`count-${label}`}>{n}</dd>
          {hint !== '' && <dd className="muted small">{hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
