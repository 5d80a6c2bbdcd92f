import { useState } from 'react';
import { reviewStatuses } from '../../../shared/protocol/review';
import { Pager } from '../layout/Pager';
import { useLoad } from '../layout/useLoad';
import { Link, useLocation } from '../routing/router';
import { FlagChips, ReviewBadge } from './FlagChips';
import { formatWhen } from './format';
import { listQueue, type QueueFilters } from './reviewApi';
import { ReviewTabs } from './ReviewTabs';
import { reviewRoundLabel, roundsOfRows } from './reviewRounds';
import { ErrorAlert } from '../layout/ErrorAlert';

const objectId = /^[0-9a-f]{24}$/;

/** Completed annotations to review: pending and flagged first by default, filterable. */
export function ReviewQueue() {
  // `/review?worker=<id>` (from the workers table) opens one worker's annotations, any status.
  const worker = useLocation().query.get('worker');
  const [filters, setFilters] = useState<QueueFilters>(
    worker !== null && objectId.test(worker)
      ? { workerId: worker, status: '', flagged: '', page: 1 }
      : { status: 'pending', flagged: '', page: 1 },
  );
  // The rounds that have annotations, by name (reviewers cannot list rounds).
  const rounds = useLoad(
    () => listQueue({ pageSize: 100 }).then((p) => roundsOfRows(p.items)),
    'rounds',
  );
  const { data, error } = useLoad(() => listQueue(filters), JSON.stringify(filters));
  const set = (change: Partial<QueueFilters>) => setFilters((f) => ({ ...f, page: 1, ...change }));

  return (
    <main className="wide">
      <header className="page-head">
        <h1>Review queue</h1>
        <ReviewTabs current="/review" />
      </header>
      <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select
            value={filters.status ?? ''}
            onChange={(e) => set({ status: e.target.value as QueueFilters['status'] })}
          >
            <option value="">any</option>
            {reviewStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Flags
          <select
            value={filters.flagged ?? ''}
            onChange={(e) => set({ flagged: e.target.value as QueueFilters['flagged'] })}
          >
            <option value="">any</option>
            <option value="true">flagged</option>
            <option value="false">not flagged</option>
          </select>
        </label>
        <label>
          Round
          <select
            value={filters.roundId ?? ''}
            onChange={(e) => set({ roundId: e.target.value === '' ? undefined : e.target.value })}
          >
            <option value="">all rounds</option>
            {(rounds.data ?? []).map((round) => (
              <option key={round.id} value={round.id}>
                {reviewRoundLabel(round)}
              </option>
            ))}
          </select>
        </label>
        {filters.workerId !== undefined && (
          <button type="button" onClick={() => set({ workerId: undefined })}>
            Showing one worker — show all
          </button>
        )}
      </form>
      <ErrorAlert message={error} />
      {data === null && error === null && <p>Loading…</p>}
      {data !== null && data.items.length === 0 && (
        <p className="card">Nothing to review with these filters.</p>
      )}
      {data !== null && data.items.length > 0 && (
        <table className="rounds card" aria-label="Annotations">
          <thead>
            <tr>
              <th scope="col">Annotation</th>
              <th scope="col">Worker</th>
              <th scope="col">Flags</th>
              <th scope="col">Outcome</th>
              <th scope="col">Review</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((a) => (
              <tr key={a.id} data-testid="queue-row">
                <td>
                  <Link href={`/review/${a.id}`}>Review {a.id.slice(-6)}</Link>
                  {a.gold !== null && (
                    <span className={`chip ${a.gold.passed ? 'gold-pass' : 'gold-fail'}`}>
                      gold {a.gold.passed ? 'passed' : 'failed'}
                    </span>
                  )}
                  {a.roundId !== null && (
                    <div className="muted small">
                      {reviewRoundLabel({ id: a.roundId, name: a.roundName ?? 'unnamed round' })}
                    </div>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => set({ workerId: a.worker.id })}
                  >
                    {a.worker.username ?? a.worker.id}
                  </button>
                </td>
                <td>
                  <FlagChips flags={a.flags} />
                </td>
                <td>
                  {a.outcome === null
                    ? '—'
                    : a.outcome.agreed
                      ? `deal: Bob ${a.outcome.scores.bob}, Alice ${a.outcome.scores.alice}`
                      : 'no deal'}
                </td>
                <td>
                  <ReviewBadge status={a.review.status} />
                </td>
                <td>{formatWhen(a.endedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data !== null && (
        <Pager
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={(page) => setFilters((f) => ({ ...f, page }))}
        />
      )}
    </main>
  );
}
