import { useLoad } from '../layout/useLoad';
import { alphaVerdict, formatAlpha, formatShare } from './format';
import { roundQuality } from './reviewApi';

/** A round's agreement: Krippendorff's α, outcome agreement, gold, review counts, per worker. */
export function RoundQualityPanel({ roundId }: { roundId: string }) {
  const { data: q, error } = useLoad(() => roundQuality(roundId), roundId);
  if (error !== null) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (q === null) {
    return <p>Loading…</p>;
  }
  return (
    <div data-testid="round-quality">
      <dl className="config">
        <dt>Krippendorff's α</dt>
        <dd data-testid="alpha">
          <strong>{formatAlpha(q.alpha)}</strong>{' '}
          <span className="muted">{alphaVerdict(q.alpha)}</span>
        </dd>
        <dt>Outcome agreement</dt>
        <dd>{formatShare(q.outcomeAgreement)}</dd>
        <dt>Measured on</dt>
        <dd>{q.redundantTasks} tasks with two or more annotations</dd>
        <dt>Annotations</dt>
        <dd>
          {q.annotations.completed} completed, {q.annotations.flagged} flagged;{' '}
          {q.annotations.review.accepted} accepted, {q.annotations.review.pending} pending,{' '}
          {q.annotations.review['soft-rejected']} soft-rejected, {q.annotations.review.rejected}{' '}
          rejected
        </dd>
        <dt>Gold</dt>
        <dd>
          {q.gold.answered === 0
            ? 'no gold answers'
            : `${q.gold.correct} of ${q.gold.answered} correct (${formatShare(q.gold.correct / q.gold.answered)})`}
        </dd>
      </dl>
      {q.workers.length > 0 && (
        <table className="values-table small" aria-label="Workers in the round">
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">Completed</th>
              <th scope="col">Agreement</th>
            </tr>
          </thead>
          <tbody>
            {q.workers.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.username ?? w.id}</th>
                <td>{w.completed}</td>
                <td>{formatShare(w.agreement)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
