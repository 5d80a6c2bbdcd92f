import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../platform/config';
import { request as emit, connectAnnotate } from '../support/annotateClient';
import { createTestStudy, createTestUser, signedEntry } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const limits = {
  ...defaultLimits,
  authPerMinute: 100,
  claimsPerMinute: 3,
  suggestionsPerMinute: 2,
  eventsPerMinute: 5,
  lockoutAttempts: 3,
  // No window ends during the test, however slow the machine: the window's end is tested with
  // an injected clock in loginLockout.test.ts.
  lockoutMs: 60 * 60_000,
};

beforeAll(async () => {
  platform = await startTestPlatform('rate-limits', { limits });
});
afterAll(async () => {
  await platform.close();
});

describe('account lockout', () => {
  it('locks an account after repeated failed sign-ins, even for the right password', async () => {
    const user = await createTestUser(platform.db.connection, ['worker']);
    const client = new HttpClient(platform.server.url);
    for (let i = 0; i < limits.lockoutAttempts; i++) {
      const res = await client.post('/api/auth/login', {
        username: user.username,
        password: 'wrong',
      });
      expect(errorCode(res.body)).toBe('invalid_credentials');
    }
    const locked = await fetch(`${platform.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parley-csrf': '1' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe(
      'account_locked',
    );
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another account is not affected (the lock is per account, not per address).
    const other = await createTestUser(platform.db.connection, ['worker']);
    await new HttpClient(platform.server.url).login(other.username, other.password);
  });
});

describe('rate limits', () => {
  it('answers sign-in and study entry beyond the per-address limit with 429 rate_limited', async () => {
    // A fresh server: the lockout test above spent part of this address's budget.
    const own = await startTestPlatform('rate-limits-auth', {
      limits: { ...limits, authPerMinute: 8 },
    });
    try {
      const study = await createTestStudy(own.db.connection);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 8 + 2; i++) {
        const res =
          i % 2 === 0
            ? await new HttpClient(own.server.url).post('/api/auth/login', {
                username: `nobody-${i}`,
                password: 'x',
              })
            : await new HttpClient(own.server.url).post(
                '/api/study/enter',
                signedEntry(study, `w${i}`),
              );
        codes.push(res.status === 429 ? errorCode(res.body) : 'passed');
      }
      expect(codes.slice(0, 8).every((c) => c === 'passed')).toBe(true);
      expect(codes.slice(8)).toEqual(['rate_limited', 'rate_limited']);
    } finally {
      await own.close();
    }
  });

  it('limits task claims per user, not per connection', async () => {
    const user = await createTestUser(platform.db.connection, ['worker']);
    const client = new HttpClient(platform.server.url);
    await client.login(user.username, user.password);
    const a = await connectAnnotate(platform.server.url, { cookie: client.cookie });
    const b = await connectAnnotate(platform.server.url, { cookie: client.cookie });
    try {
      const answers = [];
      for (let i = 0; i < limits.claimsPerMinute + 1; i++) {
        answers.push(await emit(i % 2 === 0 ? a : b, 'task:claim', {}));
      }
      expect(answers.slice(0, limits.claimsPerMinute).every((r) => r.ok)).toBe(true);
      const last = answers.at(-1);
      expect(last?.ok === false && last.error.code).toBe('rate_limited');

      // Another worker still claims.
      const other = await createTestUser(platform.db.connection, ['worker']);
      const otherClient = new HttpClient(platform.server.url);
      await otherClient.login(other.username, other.password);
      const c = await connectAnnotate(platform.server.url, { cookie: otherClient.cookie });
      expect((await emit(c, 'task:claim', {})).ok).toBe(true);
      c.close();
    } finally {
      a.close();
      b.close();
    }
  });

  it('limits every other event that costs work, malformed ones included, with rate_limited', async () => {
    const signIn = async () => {
      const user = await createTestUser(platform.db.connection, ['worker']);
      const client = new HttpClient(platform.server.url);
      await client.login(user.username, user.password);
      return connectAnnotate(platform.server.url, { cookie: client.cookie });
    };
    const unknownTask = { taskId: '0123456789abcdef01234567' };
    const codes = (answers: Awaited<ReturnType<typeof emit>>[]) =>
      answers.map((r) => (r.ok ? 'ok' : r.error.code));

    // ASTRA suggestions have their own budget.
    const suggesting = await signIn();
    const suggestions = [];
    for (let i = 0; i < limits.suggestionsPerMinute + 1; i++) {
      suggestions.push(await emit(suggesting, 'astra:suggest', unknownTask));
    }
    expect(codes(suggestions).slice(0, -1)).not.toContain('rate_limited');
    expect(codes(suggestions).at(-1)).toBe('rate_limited');

    // Resume, heartbeat, acts… share one; a malformed event counts too.
    const other = await signIn();
    const answers = [await emit(other, 'task:resume', { not: 'a task' })];
    for (let i = 1; i < limits.eventsPerMinute + 1; i++) {
      answers.push(await emit(other, i % 2 === 0 ? 'task:resume' : 'task:heartbeat', unknownTask));
    }
    expect(codes(answers)[0]).toBe('validation_failed');
    expect(codes(answers).slice(0, -1)).not.toContain('rate_limited');
    expect(codes(answers).at(-1)).toBe('rate_limited');
    // The suggestion budget of that user is untouched by them.
    const own = [];
    for (let i = 0; i < limits.suggestionsPerMinute; i++) {
      own.push(await emit(other, 'astra:suggest', unknownTask));
    }
    expect(codes(own)).not.toContain('rate_limited');
    suggesting.close();
    other.close();
  });
});
