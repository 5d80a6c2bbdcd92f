import { useState } from 'react';
import { Link } from '../routing/router';
import { MetricCharts } from './MetricCharts';
import { ProgressBars, StatusBadge } from './ProgressBars';
import { useRounds } from './useRounds';
import { ErrorAlert } from '../layout/ErrorAlert';

/** The researcher's rounds: list with live status and progress, and overlaid plots of a selection. */
export function RoundsPage() {
  const { rounds, error, live } = useRounds();
  const [compare, setCompare] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setCompare((current) => {
      const next = new Set(current);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  const selected = (rounds ?? []).filter((r) => compare.has(r.id));

  return (
    <main className="wide">
      <header className="page-head">
        <h1>Acquisition rounds</h1>
        <span className={`live ${live ? 'on' : ''}`}>{live ? '● live' : '○ offline'}</span>
        <Link href="/rounds/gold-tasks" className="button">
          Gold tasks
        </Link>
        <Link href="/rounds/new" className="button primary">
          New round
        </Link>
      </header>
      <ErrorAlert message={error} />
      {rounds === null && error === null && <p>Loading rounds…</p>}
      {rounds !== null && rounds.length === 0 && (
        <p className="card">No rounds yet. Create one to start an acquisition experiment.</p>
      )}
      {rounds !== null && rounds.length > 0 && (
        <table className="rounds card" aria-label="Rounds">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Name</th>
              <th scope="col">Domain</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((round) => (
              <tr key={round.id} data-testid={`round-row-${round.name}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`compare ${round.name}`}
                    checked={compare.has(round.id)}
                    onChange={() => toggle(round.id)}
                    disabled={round.results === null}
                    title={round.results === null ? 'No results to plot yet' : undefined}
                  />
                </td>
                <td>
                  <Link href={`/rounds/${round.id}`}>{round.name}</Link>
                </td>
                <td>{round.domain}</td>
                <td>
                  <StatusBadge round={round} />
                </td>
                <td>
                  <ProgressBars round={round} compact />
                </td>
                <td>{new Date(round.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected.length > 0 && (
        <section aria-label="Comparison" className="card">
          <h2>Comparison of {selected.length} round(s)</h2>
          <p className="muted">
            Alice dashed, Bob solid; rounds that differ only by seed are averaged, with ±1 standard
            deviation as error bars.
          </p>
          <MetricCharts rounds={selected} />
        </section>
      )}
    </main>
  );
}
