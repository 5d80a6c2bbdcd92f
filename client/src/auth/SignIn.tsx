import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { navigate } from '../routing/router';
import { useSession } from './session';
import { ErrorAlert } from '../layout/ErrorAlert';

const messages: Partial<Record<string, string>> = {
  invalid_credentials: 'That username and password do not match an account.',
  account_blocked: 'This account is blocked. Contact the study team.',
  rate_limited: 'Too many attempts; wait a minute and try again.',
  account_locked:
    'Too many failed attempts: this account is locked for a while. An admin can unlock it.',
  network: 'The server cannot be reached. Check your connection.',
};

export function SignIn({ next }: { next: string | null }) {
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(next ?? '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? (messages[e.code] ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="narrow">
      <h1>Sign in to Parley</h1>
      <form onSubmit={(e) => void submit(e)} className="card stack" aria-label="Sign in">
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorAlert message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">
        Demo accounts (on a fresh <code>npm start</code>): worker / parley-worker, researcher /
        parley-researcher, reviewer / parley-reviewer, admin / parley-admin. Crowd workers arrive
        through their study link instead.
      </p>
    </main>
  );
}
