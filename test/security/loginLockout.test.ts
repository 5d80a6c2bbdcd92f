import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../platform/config';
import { createLoginLockout } from '../../platform/security/loginLockout';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * The lockout under parallel attempts: the count is reserved before the password is checked, so
 * a burst cannot get more than `lockoutAttempts` guesses, and a success inside it unlocks nothing.
 */
let platform: TestPlatform;
const limits = {
  ...defaultLimits,
  authPerMinute: 100_000,
  lockoutAttempts: 5,
  lockoutMs: 60 * 60_000, // no window ends during the test, however slow the machine
};

beforeAll(async () => {
  platform = await startTestPlatform('login-lockout', { limits });
});
afterAll(async () => {
  await platform.close();
});

const attempt = (username: string, password: string) =>
  new HttpClient(platform.server.url).post('/api/auth/login', { username, password });

const outcome = (res: { status: number; body: unknown }) =>
  res.status === 200 ? 'signed_in' : (errorCode(res.body) ?? String(res.status));

describe('account lockout under parallel attempts', () => {
  it('checks at most lockoutAttempts of 40 parallel wrong passwords, then stays locked for the right one', async () => {
    const user = await createTestUser(platform.db.connection);
    const burst = await Promise.all(
      Array.from({ length: 40 }, () => attempt(user.username, 'wrong password')),
    );
    const outcomes = burst.map(outcome);
    expect(outcomes.filter((o) => o === 'invalid_credentials')).toHaveLength(
      limits.lockoutAttempts,
    );
    expect(outcomes.filter((o) => o === 'account_locked')).toHaveLength(
      40 - limits.lockoutAttempts,
    );
    expect(outcome(await attempt(user.username, user.password))).toBe('account_locked');
  });

  it('a right password inside a burst of 39 wrong ones leaves the account locked', async () => {
    const user = await createTestUser(platform.db.connection);
    const passwords = Array.from({ length: 40 }, (_, i) =>
      i === 20 ? user.password : `wrong password ${i}`,
    );
    const outcomes = (await Promise.all(passwords.map((p) => attempt(user.username, p)))).map(
      outcome,
    );
    // Only reserved slots reach the password check.
    expect(outcomes.filter((o) => o !== 'account_locked').length).toBeLessThanOrEqual(
      limits.lockoutAttempts,
    );
    expect(outcome(await attempt(user.username, user.password))).toBe('account_locked');
  });

  it('a success resets the count of that account only', async () => {
    const alice = await createTestUser(platform.db.connection);
    const bob = await createTestUser(platform.db.connection);
    const almost = limits.lockoutAttempts - 1;
    for (let i = 0; i < almost; i++) {
      expect(outcome(await attempt(bob.username, 'wrong password'))).toBe('invalid_credentials');
    }
    // Alice fails almost enough, succeeds, and fails almost enough again: never locked.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < almost; i++) {
        expect(outcome(await attempt(alice.username, 'wrong password'))).toBe(
          'invalid_credentials',
        );
      }
      expect(outcome(await attempt(alice.username, alice.password))).toBe('signed_in');
    }
    // Alice's successes did not touch Bob's count: his next failure is his last.
    expect(outcome(await attempt(bob.username, 'wrong password'))).toBe('invalid_credentials');
    expect(outcome(await attempt(bob.username, bob.password))).toBe('account_locked');
  });
});

describe('lockout window (injected clock)', () => {
  it('locks at the limit and lets the name try again once the window has passed', async () => {
    const lockout = createLoginLockout(platform.db.connection, {
      lockoutAttempts: 2,
      lockoutMs: 60_000,
    });
    const t0 = new Date('2030-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const first = await lockout.reserve('Clocked', t0);
    expect(first).toEqual({ slot: 1, lockedFor: 0 });
    await lockout.recordFailure('clocked', first.slot, t0);
    const second = await lockout.reserve('clocked', at(1_000));
    expect(second.lockedFor).toBe(0);
    await lockout.recordFailure('clocked', second.slot, at(1_000));
    expect(await lockout.lockedFor('clocked', at(2_000))).toBe(59);
    expect((await lockout.reserve('clocked', at(2_000))).lockedFor).toBe(59);
    expect(await lockout.lockedFor('clocked', at(61_001))).toBe(0);
    expect(await lockout.reserve('clocked', at(61_001))).toEqual({ slot: 1, lockedFor: 0 });
  });
});
