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

  const policy = { lockoutAttempts: 2, lockoutMs: 60_000 };
  const t0 = new Date('2030-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  /** Attempts that each fail (reserved, then recorded), at the given times. */
  async function fail(
    lockout: ReturnType<typeof createLoginLockout>,
    name: string,
    ...times: number[]
  ) {
    for (const ms of times) {
      const reservation = await lockout.reserve(name, at(ms));
      await lockout.recordFailure(name, reservation.slot, at(ms));
    }
  }

  it('counts a name with surrounding spaces and another case as the same name', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, '  Spaced ', 0);
    await fail(lockout, 'spaced', 1_000);
    expect(await lockout.lockedFor('SPACED', at(2_000))).toBe(59);
  });

  it('refuses attempts past the limit for the whole lock, without moving it, on that name only', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, 'bystander-lock', 0);
    // Two attempts in parallel were within the limit; the third is refused and locks the name.
    await lockout.reserve('burst', at(0));
    await lockout.reserve('burst', at(0));
    expect(await lockout.reserve('burst', at(0))).toEqual({ slot: 3, lockedFor: 60 });
    // A late failure of a reserved slot does not extend the lock.
    await lockout.recordFailure('burst', 2, at(30_000));
    expect(await lockout.lockedFor('burst', at(30_000))).toBe(30);
    expect(await lockout.lockedFor('bystander-lock', at(30_000))).toBe(0);
    expect(await lockout.reserve('bystander-lock', at(30_000))).toEqual({ slot: 2, lockedFor: 0 });
  });

  it('starts a new window for a name that failed without being locked', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, 'slow-guesser', 0);
    expect(await lockout.reserve('slow-guesser', at(60_001))).toEqual({ slot: 1, lockedFor: 0 });
  });

  it('a success clears the count of that name, not a lock, and not another name', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, 'other-name', 0);
    await fail(lockout, 'succeeds', 0);
    await lockout.recordSuccess('succeeds', at(1_000));
    expect(await lockout.reserve('succeeds', at(2_000))).toEqual({ slot: 1, lockedFor: 0 });
    expect(await lockout.reserve('other-name', at(2_000))).toEqual({ slot: 2, lockedFor: 0 });

    await fail(lockout, 'locked-then-right', 0, 1_000);
    await lockout.recordSuccess('locked-then-right', at(2_000));
    expect(await lockout.lockedFor('locked-then-right', at(2_000))).toBe(59);
    // Once the lock has ended, a success clears what is left of the record.
    await lockout.recordSuccess('locked-then-right', at(61_000));
    expect(await lockout.reserve('locked-then-right', at(61_000))).toEqual({
      slot: 1,
      lockedFor: 0,
    });
  });

  it('an admin unlock lifts the lock of one name at once, and says whether there was anything', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, 'unlocked', 0, 1_000);
    await fail(lockout, 'still-locked', 0, 1_000);
    expect(await lockout.unlock('Unlocked')).toBe(true);
    expect(await lockout.lockedFor('unlocked', at(2_000))).toBe(0);
    expect(await lockout.lockedFor('still-locked', at(2_000))).toBe(59);
    expect(await lockout.unlock('unlocked')).toBe(false);
  });

  it('lists the names locked now among those asked, with the end of each lock', async () => {
    const lockout = createLoginLockout(platform.db.connection, policy);
    await fail(lockout, 'among-locked', 0, 1_000);
    await fail(lockout, 'among-failed-once', 0);
    await fail(lockout, 'among-not-asked', 0, 1_000);
    await fail(lockout, 'among-expiring', 0, 1_000);
    const locked = await lockout.lockedAmong(
      ['Among-Locked', 'among-failed-once', 'among-expiring', 'among-nobody'],
      at(2_000),
    );
    expect([...locked].sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ['among-expiring', at(61_000)],
      ['among-locked', at(61_000)],
    ]);
    expect([
      ...(await lockout.lockedAmong(['among-locked', 'among-expiring'], at(61_000))),
    ]).toEqual([]);
  });
});
