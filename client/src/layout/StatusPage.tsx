import { useEffect, useState } from 'react';
import { systemRoutes } from '../../../shared/contracts/systemRoutes';
import type { HealthView } from '../../../shared/protocol/system';
import { call } from '../api/call';
import { ApiError } from '../api/http';

/** What Parley is and whether its parts are up. */
export function StatusPage() {
  const [health, setHealth] = useState<HealthView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      call(systemRoutes.health, {})
        .then(setHealth)
        .catch((e: unknown) => {
          // 503 is the answer while the database is down, not an unreachable server.
          if (e instanceof ApiError && e.status === 503) {
            setHealth({ status: 'unhealthy' });
          } else {
            setError(e instanceof Error ? e.message : String(e));
          }
        });
    void load();
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <main className="narrow">
      <h1>Parley</h1>
      <p>
        Negotiation agents trained with targeted data acquisition: self-play, novelty ranking, and
        human annotators taking Bob&apos;s seat.
      </p>
      <section aria-label="Platform status" className="status card">
        {error !== null && <p role="alert">Server unreachable: {error}</p>}
        {health === null && error === null && <p>Checking the platform…</p>}
        {health !== null && (
          <dl>
            <dt>Platform</dt>
            <dd data-testid="platform-status">{health.status}</dd>
            {health.db !== undefined && (
              <>
                <dt>Database</dt>
                <dd>
                  {health.db.kind} {health.db.version ?? ''} —{' '}
                  {health.db.ok ? 'ok' : health.db.error}
                </dd>
              </>
            )}
            {health.uptime !== undefined && (
              <>
                <dt>Up for</dt>
                <dd>{health.uptime} s</dd>
              </>
            )}
          </dl>
        )}
      </section>
    </main>
  );
}
