import { useEffect, useState } from 'react';

/** Seconds since `since` (the moment it became my turn), ticking; warns past `warnAfter`. */
export function TurnTimer(props: { since: number; warnAfter: number; leaseExpiresAt?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, Math.floor((now - props.since) / 1_000));
  const lease =
    props.leaseExpiresAt === undefined
      ? null
      : Math.max(0, Math.floor((Date.parse(props.leaseExpiresAt) - now) / 1_000));
  const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <p className={`timer ${elapsed > props.warnAfter ? 'late' : ''}`} role="timer">
      Your turn for {mmss(elapsed)}
      {lease !== null && <span className="muted"> · task held for {mmss(lease)}</span>}
    </p>
  );
}
