import { useEffect, useState, type FormEvent } from 'react';
import type { PasswordLinkLookupView } from '../../../shared/protocol/users';
import { userRoutes } from '../../../shared/contracts/userRoutes';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Link } from '../routing/router';

/** The secret of a one-time link: in the fragment, which the browser never sends anywhere. */
function tokenOfPage(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

const describe = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * Where an invitation or password-reset link leads: the person chooses their own password
 * (twice), the link is used up, and they sign in with it.
 */
export function SetPasswordPage() {
  const [token] = useState(tokenOfPage);
  const [link, setLink] = useState<PasswordLinkLookupView | null>(null);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    call(userRoutes.lookupLink, { body: { token } }).then(
      (r) => setLink(r.link),
      (e: unknown) => setError(describe(e)),
    );
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeated) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(userRoutes.redeemLink, { body: { token, password } });
      setDone(true);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <main className="narrow">
        <h1>Password set</h1>
        <p role="status">
          Your password is set. <Link href="/signin">Sign in</Link> as{' '}
          <strong>{link?.username}</strong>.
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{link?.purpose === 'reset' ? 'Choose a new password' : 'Welcome to Parley'}</h1>
      {link === null ? (
        <ErrorAlert message={error} />
      ) : (
        <form
          className="card stack"
          aria-label="Set your password"
          onSubmit={(e) => void submit(e)}
        >
          <p>
            Choose the password of <strong>{link.username}</strong>: at least 12 characters (a few
            words make a good one).
          </p>
          <input type="hidden" name="username" autoComplete="username" value={link.username} />
          <label>
            New password
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <label>
            Repeat it
            <input
              name="repeated"
              type="password"
              autoComplete="new-password"
              value={repeated}
              onChange={(e) => setRepeated(e.target.value)}
              required
            />
          </label>
          <ErrorAlert message={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set password'}
          </button>
        </form>
      )}
    </main>
  );
}
