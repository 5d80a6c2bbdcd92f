import { useEffect, useState } from 'react';

interface Health {
  status: string;
  db: { ok: boolean; kind: string; version: string | null; error?: string };
  uptime: number;
}

/** What Parley is and whether its parts are up. */
export function StatusPage() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      fetch('/api/health')
        .then(async (res) => setHealth((await res.json()) as Health))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
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
            <dt>Database</dt>
            <dd>
              {health.db.kind} {health.db.version ?? ''} — {health.db.ok ? 'ok' : health.db.error}
            </dd>
            <dt>Up for</dt>
            <dd>{health.uptime} s</dd>
          </dl>
        )}
      </section>
    </main>
  );
}
