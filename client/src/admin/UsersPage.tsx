import { useState } from 'react';
import { roles as allRoles, type Role } from '../../../shared/protocol/roles';
import type { AdminUserView } from '../../../shared/protocol/users';
import { ApiError } from '../api/http';
import { Pager } from '../layout/Pager';
import { useLoad } from '../layout/useLoad';
import { formatWhen } from '../review/format';
import type { PasswordLinkView } from '../../../shared/protocol/users';
import { InviteUserForm } from './InviteUserForm';
import { PasswordLinkNotice } from './PasswordLinkNotice';
import {
  listUsers,
  resetPassword,
  setBlocked,
  setRoles,
  unlockUser,
  type UserFilters,
} from './usersApi';
import { ErrorAlert } from '../layout/ErrorAlert';

const searchPattern = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Admins: every account, its roles (editable, with a reason), whether it is blocked, invited or
 * locked; invitations, password-reset links and unlocks.
 */
export function UsersPage() {
  const [filters, setFilters] = useState<UserFilters>({ page: 1 });
  const [search, setSearch] = useState('');
  const key = JSON.stringify(filters);
  const loaded = useLoad(() => listUsers(filters), key);
  const { error, reload } = loaded;
  // Rows are shown only for the search in the box: never the previous one's while loading.
  const searchProblem =
    search.trim() === '' || searchPattern.test(search.trim())
      ? null
      : 'Search by letters, digits, _ . : or - (up to 64).';
  const data = loaded.loadedKey === key && searchProblem === null ? loaded.data : null;
  const set = (change: Partial<UserFilters>) => setFilters((f) => ({ ...f, page: 1, ...change }));
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Users</h1>
      </header>
      <InviteUserForm onInvited={reload} />
      <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            value={search}
            placeholder="part of a username"
            aria-invalid={searchProblem !== null}
            onChange={(e) => {
              setSearch(e.target.value);
              const v = e.target.value.trim();
              if (v === '' || searchPattern.test(v)) {
                set({ search: v === '' ? undefined : v });
              }
            }}
          />
        </label>
        <label>
          Role
          <select
            value={filters.role ?? ''}
            onChange={(e) => set({ role: e.target.value as Role | '' })}
          >
            <option value="">any</option>
            {allRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Blocked
          <select
            value={filters.blocked ?? ''}
            onChange={(e) => set({ blocked: e.target.value as UserFilters['blocked'] })}
          >
            <option value="">any</option>
            <option value="true">blocked</option>
            <option value="false">not blocked</option>
          </select>
        </label>
      </form>
      <ErrorAlert message={searchProblem ?? error} />
      {data === null && searchProblem === null && error === null && (
        <p className="loading">Loading…</p>
      )}
      {data !== null && (
        <>
          <table className="rounds card" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <UserRow key={u.id} user={u} onChanged={reload} />
              ))}
            </tbody>
          </table>
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(page) => setFilters((f) => ({ ...f, page }))}
          />
        </>
      )}
    </main>
  );
}

function UserRow({ user, onChanged }: { user: AdminUserView; onChanged: () => void }) {
  const [roles, setLocalRoles] = useState<Role[]>(user.roles);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<PasswordLinkView | null>(null);
  const changed = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
  const run = async (work: () => Promise<unknown>) => {
    if (reason.trim() === '') {
      setError('Give a reason (it goes to the audit log).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await work();
      setReason('');
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const toggleRole = (role: Role) =>
    setLocalRoles((current) =>
      current.includes(role) ? current.filter((r) => r !== role) : [...current, role],
    );
  return (
    <tr data-testid={`user-row-${user.username}`}>
      <th scope="row">
        {user.username}
        {user.study !== null && <div className="muted small">study participant</div>}
      </th>
      <td>
        <fieldset className="role-boxes" aria-label={`Roles of ${user.username}`}>
          {allRoles.map((role) => (
            <label key={role} className="inline">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={() => toggleRole(role)}
              />{' '}
              {role}
            </label>
          ))}
        </fieldset>
        <input
          className="reason"
          aria-label={`Reason for ${user.username}`}
          placeholder="reason (for the audit log)"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy || !changed || roles.length === 0}
            onClick={() => void run(() => setRoles(user.id, roles, reason.trim()))}
          >
            Save roles
          </button>
          <button
            type="button"
            className={user.blocked ? '' : 'danger'}
            disabled={busy}
            onClick={() => void run(() => setBlocked(user.id, !user.blocked, reason.trim()))}
          >
            {user.blocked ? 'Unblock' : 'Block'}
          </button>
          {user.study === null && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(async () => setLink((await resetPassword(user.id, reason.trim())).link))
              }
            >
              {user.invited ? 'New invitation link' : 'Reset password'}
            </button>
          )}
          {user.lockedUntil !== null && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => unlockUser(user.id, reason.trim()))}
            >
              Unlock
            </button>
          )}
        </div>
        {link !== null && <PasswordLinkNotice username={user.username} link={link} />}
        {error !== null && (
          <p role="alert" className="error small">
            {error}
          </p>
        )}
      </td>
      <td>
        <UserStatus user={user} />
      </td>
      <td className="small">{formatWhen(user.createdAt)}</td>
      <td className="small">{formatWhen(user.lastLoginAt)}</td>
    </tr>
  );
}

function UserStatus({ user }: { user: AdminUserView }) {
  const chips = [
    user.blocked && (
      <span key="blocked" className="chip blocked">
        blocked
      </span>
    ),
    user.invited && (
      <span key="invited" className="chip">
        invited
      </span>
    ),
    user.lockedUntil !== null && (
      <span key="locked" className="chip blocked" title={`until ${formatWhen(user.lockedUntil)}`}>
        locked
      </span>
    ),
  ].filter(Boolean);
  return chips.length === 0 ? <>active</> : <span className="chips">{chips}</span>;
}
