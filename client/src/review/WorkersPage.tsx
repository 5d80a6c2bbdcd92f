import { useState } from 'react';
import type { WorkerStatsView } from '../../../shared/protocol/review';
import { ApiError } from '../api/http';
import { Pager } from '../layout/Pager';
import { useLoad } from '../layout/useLoad';
import { Link } from '../routing/router';
import { flagSummary, formatRate, formatSeconds, formatShare } from './format';
import { listQueue, listWorkers, setWorkerBlocked } from './reviewApi';
import { ReviewTabs } from './ReviewTabs';
import { RoundQualityPanel } from './RoundQualityPanel';
import { reviewRoundLabel, roundsOfRows } from './reviewRounds';
import { ErrorAlert } from '../layout/ErrorAlert';

/** Per-worker quality (throughput, gold accuracy, agreement, flags, reliability) and per-round α. */
export function WorkersPage() {
  const [page, setPage] = useState(1);
  const { data, error, reload } = useLoad(() => listWorkers(page), String(page));
  // Reviewers cannot list rounds; the rounds that have annotations are the ones worth measuring.
  const rounds = useLoad(
    () => listQueue({ pageSize: 100 }).then((p) => roundsOfRows(p.items)),
    'rounds',
  );
  const [roundId, setRoundId] = useState('');

  return (
    <main className="wide">
      <header className="page-head">
        <h1>Workers &amp; agreement</h1>
        <ReviewTabs current="/review/workers" />
      </header>
      <ErrorAlert message={error} />
      {data === null && error === null && <p>Loading…</p>}
      {data !== null && (
        <>
          <table className="rounds card stats-table" aria-label="Workers">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Completed</th>
                <th scope="col">Throughput</th>
                <th scope="col">Median time</th>
                <th scope="col">Gold accuracy</th>
                <th scope="col">Agreement</th>
                <th scope="col">Flagged</th>
                <th scope="col">Reliability</th>
                <th scope="col">Review</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <WorkerRow key={w.worker.id} stats={w} onChanged={reload} />
              ))}
            </tbody>
          </table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
      <section className="card" aria-label="Round agreement">
        <h2>Agreement per round</h2>
        <label className="inline">
          Round
          <select value={roundId} onChange={(e) => setRoundId(e.target.value)}>
            <option value="">choose a round…</option>
            {(rounds.data ?? []).map((round) => (
              <option key={round.id} value={round.id}>
                {reviewRoundLabel(round)}
              </option>
            ))}
          </select>
        </label>
        {rounds.data !== null && rounds.data.length === 0 && (
          <p className="muted">No round has annotations yet.</p>
        )}
        {roundId !== '' && <RoundQualityPanel key={roundId} roundId={roundId} />}
      </section>
    </main>
  );
}

function WorkerRow({ stats: w, onChanged }: { stats: WorkerStatsView; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    const verb = w.worker.blocked ? 'unblock' : 'block';
    const reason = window.prompt(`Why ${verb} ${w.worker.username}?`);
    if (reason === null || reason.trim() === '') {
      return;
    }
    try {
      await setWorkerBlocked(w.worker.id, !w.worker.blocked, reason.trim());
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const gold =
    w.gold.answered === 0
      ? '—'
      : `${formatShare(w.gold.accuracy)} (${w.gold.correct}/${w.gold.answered})`;
  return (
    <tr data-testid={`worker-row-${w.worker.username}`}>
      <th scope="row">
        <Link href={`/review?worker=${w.worker.id}`} title="This worker's annotations">
          {w.worker.username}
        </Link>
        {w.worker.blocked && <span className="chip blocked">blocked</span>}
      </th>
      <td>
        {w.completed}
        {w.abandoned > 0 && <span className="muted small"> (+{w.abandoned} abandoned)</span>}
      </td>
      <td>{formatRate(w.throughputPerHour)}</td>
      <td>{formatSeconds(w.medianSecondsPerAnnotation)}</td>
      <td>{gold}</td>
      <td>{formatShare(w.agreement)}</td>
      <td title={flagSummary(w.flagCounts)}>
        {w.flaggedAnnotations}
        {w.flaggedAnnotations > 0 && <div className="muted small">{flagSummary(w.flagCounts)}</div>}
      </td>
      <td>{formatShare(w.reliability)}</td>
      <td className="small">
        {w.review.accepted} ok · {w.review.pending} pending · {w.review['soft-rejected']} soft ·{' '}
        {w.review.rejected} rejected
      </td>
      <td>
        <button
          type="button"
          className={w.worker.blocked ? '' : 'danger'}
          onClick={() => void toggle()}
        >
          {w.worker.blocked ? 'Unblock' : 'Block'}
        </button>
        {error !== null && (
          <p role="alert" className="error small">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
