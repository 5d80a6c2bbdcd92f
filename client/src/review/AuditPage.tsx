import { useState } from 'react';
import { auditActionNames, type AuditAction } from '../../../shared/protocol/review';
import { Pager } from '../layout/Pager';
import { useLoad } from '../layout/useLoad';
import { Link } from '../routing/router';
import { formatWhen } from './format';
import { listAudit } from './reviewApi';
import { ReviewTabs } from './ReviewTabs';
import { ErrorAlert } from '../layout/ErrorAlert';

/** The audit log (admins): every decision, block, role change and gold task, newest first. */
export function AuditPage() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const [page, setPage] = useState(1);
  const { data, error } = useLoad(
    () => listAudit({ action: action === '' ? undefined : action, page }),
    `${action}:${page}`,
  );
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Audit log</h1>
        <ReviewTabs current="/audit" />
      </header>
      <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Action
          <select
            value={action}
            onChange={(e) => {
              const picked = auditActionNames.find((a) => a === e.target.value);
              setAction(picked ?? '');
              setPage(1);
            }}
          >
            <option value="">any</option>
            {auditActionNames.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorAlert message={error} />
      {data !== null && (
        <>
          <table className="rounds card" aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">Reason</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td>{formatWhen(e.at)}</td>
                  <td>{e.actor.username}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="small">
                    {e.target.type === 'annotation' ? (
                      <Link href={`/review/${e.target.id}`}>
                        annotation …{e.target.id.slice(-6)}
                      </Link>
                    ) : (
                      `${e.target.type} …${e.target.id.slice(-6)}`
                    )}
                  </td>
                  <td>{e.reason === '' ? <span className="muted">—</span> : e.reason}</td>
                  <td className="small">{detailsText(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.items.length === 0 && <p className="card">No entries.</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </main>
  );
}

/** `{ decision: 'rejected', bonusCents: 0 }` → "decision rejected · bonusCents 0". */
export function detailsText(details: Record<string, unknown>): string {
  const parts = Object.entries(details).map(
    ([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return parts.length === 0 ? '—' : parts.join(' · ');
}
