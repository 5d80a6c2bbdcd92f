import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenModel } from '../../platform/auth/apiTokenModel';
import { createApiToken } from '../../platform/auth/apiTokens';
import { userModel } from '../../platform/users/userModel';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const client = () => new HttpClient(platform.server.url);

beforeAll(async () => {
  platform = await startTestPlatform('apitokens');
});
afterAll(async () => {
  await platform.close();
});

async function signedIn(roles: Parameters<typeof createTestUser>[1]) {
  const user = await createTestUser(platform.db.connection, roles);
  const http = client();
  await http.login(user.username, user.password);
  return { user, http };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('lets a researcher create a token that authenticates scripts; only its hash is stored', async () => {
    const { user, http } = await signedIn(['researcher']);
    const res = await http.post('/api/auth/tokens', { name: 'nightly export', expiresInDays: 7 });
    expect(res.status).toBe(201);
    const created = (res.body as { token: { id: string; token: string; expiresAt: string } }).token;
    expect(created.token).toMatch(/^prl_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const stored = await apiTokenModel(platform.db.connection).findById(created.id).lean();
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));

    const script = client();
    const me = await script.get('/api/auth/me', bearer(created.token));
    expect(me.status).toBe(200);
    expect((me.body as { user: { id: string } }).user.id).toBe(user.id);
    expect(script.cookie).toBeNull();

    const list = await http.get('/api/auth/tokens');
    expect((list.body as { tokens: { id: string }[] }).tokens.map((t) => t.id)).toEqual([
      created.id,
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.token);
  });

  it('refuses unknown, expired and revoked tokens, and tokens of blocked users', async () => {
    const { user, http } = await signedIn(['researcher']);
    expect((await client().get('/api/auth/me', bearer('prl_nope'))).status).toBe(401);
    expect((await client().get('/api/auth/me', { authorization: 'Basic abc' })).status).toBe(401);

    const expired = await createApiToken(platform.db.connection, {
      userId: user.id,
      name: 'old',
      expiresInDays: 1,
      now: new Date(Date.now() - 2 * 86_400_000),
    });
    const res = await client().get('/api/auth/me', bearer(expired.token));
    expect([res.status, errorCode(res.body)]).toEqual([401, 'unauthorized']);

    const live = (
      (await http.post('/api/auth/tokens', { name: 'x' })).body as {
        token: { id: string; token: string };
      }
    ).token;
    expect((await client().get('/api/auth/me', bearer(live.token))).status).toBe(200);
    expect((await http.request('DELETE', `/api/auth/tokens/${live.id}`)).status).toBe(204);
    expect((await client().get('/api/auth/me', bearer(live.token))).status).toBe(401);
    expect((await http.request('DELETE', `/api/auth/tokens/${live.id}`)).status).toBe(404);

    const another = (
      (await http.post('/api/auth/tokens', { name: 'y' })).body as { token: { token: string } }
    ).token;
    await userModel(platform.db.connection).updateOne({ _id: user.id }, { blocked: true });
    expect((await client().get('/api/auth/me', bearer(another.token))).status).toBe(401);
  });

  it('needs no CSRF header with a token, but a token cannot mint more tokens', async () => {
    const { http } = await signedIn(['researcher']);
    const token = (
      (await http.post('/api/auth/tokens', { name: 'x' })).body as { token: { token: string } }
    ).token.token;
    const res = await client().post(
      '/api/auth/tokens',
      { name: 'child' },
      { csrf: false, headers: bearer(token) },
    );
    expect([res.status, errorCode(res.body)]).toEqual([403, 'forbidden']);
  });

  it('is for researchers and admins only, and validates its body', async () => {
    for (const role of ['worker', 'reviewer'] as const) {
      const { http } = await signedIn([role]);
      const res = await http.post('/api/auth/tokens', { name: 'x' });
      expect([res.status, errorCode(res.body)], role).toEqual([403, 'forbidden']);
      expect((await http.get('/api/auth/tokens')).status, role).toBe(403);
    }
    const { http: admin } = await signedIn(['admin']);
    expect((await admin.post('/api/auth/tokens', { name: 'x' })).status).toBe(201);
    for (const body of [{}, { name: 'x', expiresInDays: 0 }, { name: 'x', userId: 'someone' }]) {
      const res = await admin.post('/api/auth/tokens', body);
      expect(errorCode(res.body), JSON.stringify(body)).toBe('validation_failed');
    }
    expect((await admin.request('DELETE', '/api/auth/tokens/not-an-id')).status).toBe(400);
    expect((await client().post('/api/auth/tokens', { name: 'x' })).status).toBe(401);
  });
});
