import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../platform/config';
import { auditModel } from '../../platform/review/auditLog';
import { passwordLinkModel } from '../../platform/users/passwordLinkModel';
import type { AdminUserView, UserWithLinkView } from '../../shared/protocol/users';
import { createTestStudy, createTestUser, signedEntry } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/** Admins invite accounts, reset passwords and unlock sign-ins; invitees set their own password. */
let platform: TestPlatform;
let admin: HttpClient;
const limits = { ...defaultLimits, lockoutAttempts: 3, lockoutMs: 60 * 60_000 };

beforeAll(async () => {
  platform = await startTestPlatform('admin-accounts', { limits });
  const account = await createTestUser(platform.db.connection, ['admin']);
  admin = new HttpClient(platform.server.url);
  await admin.login(account.username, account.password);
});
afterAll(async () => {
  await platform.close();
});

const client = () => new HttpClient(platform.server.url);
const tokenOf = (link: { path: string }) => /#token=([A-Za-z0-9_-]+)$/.exec(link.path)?.[1] ?? '';
const login = async (username: string, password: string) =>
  (await client().post('/api/auth/login', { username, password })).status;

async function invite(username: string, roles = ['worker']): Promise<UserWithLinkView> {
  const res = await admin.post('/api/admin/users', { username, roles });
  expect(res.status).toBe(201);
  return res.body as UserWithLinkView;
}

describe('invitations', () => {
  it('creates an account that cannot sign in until its invitee sets a password with the link, once', async () => {
    const { user, link } = await invite('ines', ['reviewer']);
    expect(user).toMatchObject({ username: 'ines', roles: ['reviewer'], invited: true });
    expect(link.purpose).toBe('invitation');
    expect(link.path).toMatch(/^\/set-password#token=[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const stored = await passwordLinkModel(platform.db.connection).findOne({ userId: user.id });
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link));

    const token = tokenOf(link);
    expect(await login('ines', '')).toBe(400);
    expect(await login('ines', 'any password at all')).toBe(401);
    const lookup = await client().post('/api/password-links/lookup', { token });
    expect(lookup.body).toMatchObject({ link: { username: 'ines', purpose: 'invitation' } });

    const weak = await client().post('/api/password-links/redeem', { token, password: 'short' });
    expect([weak.status, errorCode(weak.body)]).toEqual([400, 'validation_failed']);
    expect((weak.body as { error: { message: string } }).error.message).toMatch(/12 characters/);

    const set = await client().post('/api/password-links/redeem', {
      token,
      password: 'my own chosen passphrase',
    });
    expect(set.body).toEqual({ username: 'ines' });
    expect(await login('ines', 'my own chosen passphrase')).toBe(200);

    const again = await client().post('/api/password-links/redeem', {
      token,
      password: 'someone else tries later',
    });
    expect([again.status, errorCode(again.body)]).toEqual([404, 'not_found']);
    expect((again.body as { error: { message: string } }).error.message).toMatch(
      /used, has expired or was replaced/,
    );
    expect(await login('ines', 'someone else tries later')).toBe(401);
    expect(
      await auditModel(platform.db.connection).countDocuments({
        action: 'user.invite',
        targetId: user.id,
      }),
    ).toBe(1);
  });

  it('refuses an expired link, a taken username and a bad username with clear errors', async () => {
    const { link, user } = await invite('late-larry');
    await passwordLinkModel(platform.db.connection).updateOne(
      { userId: user.id },
      { $set: { expiresAt: new Date(Date.now() - 1) } },
    );
    const expired = await client().post('/api/password-links/redeem', {
      token: tokenOf(link),
      password: 'too late for this passphrase',
    });
    expect([expired.status, errorCode(expired.body)]).toEqual([404, 'not_found']);

    const taken = await admin.post('/api/admin/users', {
      username: 'late-larry',
      roles: ['worker'],
    });
    expect([taken.status, errorCode(taken.body)]).toEqual([409, 'conflict']);
    const bad = await admin.post('/api/admin/users', { username: 'Bad Name!', roles: ['worker'] });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'validation_failed']);
  });

  it('lets one of two concurrent redemptions win', async () => {
    const { link } = await invite('racer');
    const token = tokenOf(link);
    const results = await Promise.all(
      ['first racing passphrase', 'second racing passphrase'].map((password) =>
        client().post('/api/password-links/redeem', { token, password }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
  });
});

describe('password reset', () => {
  it('gives a one-time link; the old password works until it is used, then sessions end', async () => {
    const user = await createTestUser(platform.db.connection, ['researcher']);
    const session = client();
    await session.login(user.username, user.password);

    const res = await admin.post(`/api/admin/users/${user.id}/password-reset`, {
      reason: 'forgot it',
    });
    expect(res.status).toBe(200);
    const first = (res.body as UserWithLinkView).link;
    expect(first.purpose).toBe('reset');
    // A second link replaces the first.
    const second = (
      (await admin.post(`/api/admin/users/${user.id}/password-reset`, { reason: 'again' }))
        .body as UserWithLinkView
    ).link;
    const replaced = await client().post('/api/password-links/redeem', {
      token: tokenOf(first),
      password: 'the replaced link passphrase',
    });
    expect(replaced.status).toBe(404);
    expect(await login(user.username, user.password)).toBe(200);

    const used = await client().post('/api/password-links/redeem', {
      token: tokenOf(second),
      password: 'a brand new passphrase',
    });
    expect(used.status).toBe(200);
    expect(await login(user.username, user.password)).toBe(401);
    expect(await login(user.username, 'a brand new passphrase')).toBe(200);
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('a password set through a link also lifts a sign-in lock', async () => {
    const user = await createTestUser(platform.db.connection, ['worker']);
    for (let i = 0; i < limits.lockoutAttempts; i++) {
      await login(user.username, 'wrong password');
    }
    expect(await login(user.username, user.password)).toBe(429);
    const { link } = (
      await admin.post(`/api/admin/users/${user.id}/password-reset`, { reason: 'locked out' })
    ).body as UserWithLinkView;
    const used = await client().post('/api/password-links/redeem', {
      token: tokenOf(link),
      password: 'the passphrase after the lock',
    });
    expect(used.status).toBe(200);
    expect(await login(user.username, 'the passphrase after the lock')).toBe(200);
  });

  it('refuses study workers, who have no password', async () => {
    const study = await createTestStudy(platform.db.connection);
    const entered = await client().post('/api/study/enter', signedEntry(study, 'sw1'));
    const id = (entered.body as { user: { id: string } }).user.id;
    const res = await admin.post(`/api/admin/users/${id}/password-reset`, { reason: 'x' });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'bad_request']);
  });
});

describe('unlock', () => {
  it('shows the lock in the user list and lifts it for that account', async () => {
    const user = await createTestUser(platform.db.connection, ['worker']);
    for (let i = 0; i < limits.lockoutAttempts; i++) {
      expect(await login(user.username, 'wrong password')).toBe(401);
    }
    expect(await login(user.username, user.password)).toBe(429);
    const listed = await admin.get(`/api/admin/users?search=${user.username}`);
    const row = (listed.body as { items: AdminUserView[] }).items[0];
    expect(row?.lockedUntil).not.toBeNull();

    const res = await admin.post(`/api/admin/users/${user.id}/unlock`, { reason: 'called us' });
    expect(res.status).toBe(200);
    expect((res.body as { user: AdminUserView }).user.lockedUntil).toBeNull();
    expect(await login(user.username, user.password)).toBe(200);

    const twice = await admin.post(`/api/admin/users/${user.id}/unlock`, { reason: 'again' });
    expect([twice.status, errorCode(twice.body)]).toEqual([409, 'conflict']);
  });
});
