import { useState } from 'react';
import type { MyAnnotationView } from '../../../shared/protocol/review';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Pager } from '../layout/Pager';
import { useLoad } from '../layout/useLoad';
import { formatCents, formatWhen } from './format';
import { listMyAnnotations } from './reviewApi';

const statusText: Record<MyAnnotationView['review']['status'], string> = {
  pending: 'waiting for review',
  accepted: 'accepted',
  'soft-rejected': 'soft-rejected',
  rejected: 'rejected',
};

/** An annotator's own annotations and how each was reviewed, with the reviewer's reason. */
export function MyAnnotationsPage() {
  const [page, setPage] = useState(1);
  const { data, error } = useLoad(() => listMyAnnotations(page), String(page));
  return (
    <main className="wide">
      <header className="page-head">
        <h1>My annotations</h1>
      </header>
      <ErrorAlert message={error} />
      {data !== null && data.total === 0 && (
        <p className="muted">No finished annotations yet. Reviews of your work appear here.</p>
      )}
      {data !== null && data.total > 0 && (
        <>
          <table className="rounds card" aria-label="My annotations">
            <thead>
              <tr>
                <th scope="col">Finished</th>
                <th scope="col">Outcome</th>
                <th scope="col">Review</th>
                <th scope="col">Reviewer’s reason</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id} data-testid="my-annotation-row">
                  <td className="small">{formatWhen(a.endedAt ?? a.startedAt)}</td>
                  <td>
                    {a.outcome === null
                      ? a.status
                      : a.outcome.agreed
                        ? `deal, your score ${a.outcome.yourScore}`
                        : 'no deal'}
                  </td>
                  <td>
                    <span
                      className={`chip review-${a.review.status}`}
                      data-testid="my-review-status"
                    >
                      {statusText[a.review.status]}
                    </span>
                    {a.review.bonusCents > 0 && <> bonus {formatCents(a.review.bonusCents)}</>}
                  </td>
                  <td data-testid="my-review-reason">
                    {a.review.reason === '' ? '—' : a.review.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </main>
  );
}
