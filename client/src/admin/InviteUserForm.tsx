import { useState, type FormEvent } from 'react';
import { roles as allRoles, type Role } from '../../../shared/protocol/roles';
import type { UserWithLinkView } from '../../../shared/protocol/users';
import { ApiError } from '../api/http';
import { ErrorAlert } from '../layout/ErrorAlert';
import { PasswordLinkNotice } from './PasswordLinkNotice';
import { inviteUser } from './usersApi';

/** Admins add an account; its person gets a one-time link to choose their own password. */
export function InviteUserForm({ onInvited }: { onInvited: () => void }) {
  const [username, setUsername] = useState('');
  const [roles, setRoles] = useState<Role[]>(['worker']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<UserWithLinkView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setInvited(await inviteUser(username.trim(), roles));
      setUsername('');
      onInvited();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (role: Role) =>
    setRoles((current) =>
      current.includes(role) ? current.filter((r) => r !== role) : [...current, role],
    );

  return (
    <form className="card stack" aria-label="Invite a user" onSubmit={(e) => void submit(e)}>
      <h2>Invite a user</h2>
      <label>
        Username
        <input
          name="new-username"
          value={username}
          placeholder="2 to 40 lower-case letters, digits, _ . -"
          onChange={(e) => setUsername(e.target.value)}
          required
        />
      </label>
      <fieldset className="role-boxes" aria-label="Roles of the new user">
        {allRoles.map((role) => (
          <label key={role} className="inline">
            <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} />{' '}
            {role}
          </label>
        ))}
      </fieldset>
      <ErrorAlert message={error} />
      <button type="submit" className="primary" disabled={busy || roles.length === 0}>
        {busy ? 'Inviting…' : 'Create and invite'}
      </button>
      {invited !== null && (
        <PasswordLinkNotice username={invited.user.username} link={invited.link} />
      )}
    </form>
  );
}
