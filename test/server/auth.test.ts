import { studyModel } from '../../platform/studies/studyModel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKey, sessionModel } from '../../platform/auth/sessionStore';
import { userModel } from '../../platform/users/userModel';
import { createTestStudy, createTestUser, signedEntry } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const client = () => new HttpClient(platform.server.url);
const sessions = () => sessionModel(platform.db.connection);

beforeAll(async () => {
  platform = await startTestPlatform('auth');
});
afterAll(async () => {
  await platform.close();
});

describe('POST /api/auth/login', () => {
  it('signs in with an httpOnly, SameSite=Lax session cookie stored in MongoDB', async () => {
    const user = await createTestUser(platform.db.connection, ['researcher']);
    const http = client();
    const res = await http.post('/api/auth/login', {
      username: user.username,
      password: user.password,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: user.id, username: user.username, roles: ['researcher'], study: null },
    });
    expect(res.setCookie).toMatch(/^parley\.sid=/);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Lax/);
    expect(await sessions().countDocuments({ userId: user.id })).toBe(1);

    const me = await http.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body);
  });

  it('gives a new session id at every sign-in (no session fixation)', async () => {
    const first = await createTestUser(platform.db.connection);
    const second = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(first.username, first.password);
    const before = http.cookie;
    await http.login(second.username, second.password);
    expect(http.cookie).not.toBe(before);

    const stale = client();
    stale.cookie = before;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    expect(((await http.get('/api/auth/me')).body as { user: { id: string } }).user.id).toBe(
      second.id,
    );
  });

  it('answers a wrong password and an unknown user alike, and a blocked account apart', async () => {
    const user = await createTestUser(platform.db.connection);
    const wrong = await client().post('/api/auth/login', {
      username: user.username,
      password: 'nope',
    });
    const unknown = await client().post('/api/auth/login', {
      username: 'nobody-here',
      password: 'nope',
    });
    expect([wrong.status, errorCode(wrong.body)]).toEqual([401, 'invalid_credentials']);
    expect([unknown.status, errorCode(unknown.body)]).toEqual([401, 'invalid_credentials']);

    await userModel(platform.db.connection).updateOne({ _id: user.id }, { blocked: true });
    const blocked = await client().post('/api/auth/login', {
      username: user.username,
      password: user.password,
    });
    expect([blocked.status, errorCode(blocked.body)]).toEqual([403, 'account_blocked']);
    expect(blocked.setCookie).toBeNull();
  });

  it('rejects malformed bodies and operator injection with 400 and creates no session', async () => {
    const before = await sessions().countDocuments();
    for (const body of [
      { username: { $gt: '' }, password: 'x' },
      { username: 'a', password: 'b', roles: ['admin'] },
      { username: 'a' },
      ['a', 'b'],
      { username: 'a', password: 'p'.repeat(300) },
    ]) {
      const res = await client().post('/api/auth/login', body);
      expect([res.status, errorCode(res.body)], JSON.stringify(body)).toEqual([
        400,
        'validation_failed',
      ]);
    }
    expect(await sessions().countDocuments()).toBe(before);
  });
});

describe('sessions', () => {
  it('logout deletes the session; the old cookie no longer authenticates', async () => {
    const user = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(user.username, user.password);
    const cookie = http.cookie;
    expect((await http.post('/api/auth/logout')).status).toBe(204);
    expect(await sessions().countDocuments({ userId: user.id })).toBe(0);
    const replay = client();
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('stores a session under a hash of its id, never the id the cookie carries', async () => {
    const user = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(user.username, user.password);
    // The cookie is `<name>=s:<sid>.<signature>`, URL-encoded.
    const value = decodeURIComponent((http.cookie ?? '').split('=')[1] ?? '');
    const sid = /^s:([^.]+)\./.exec(value)?.[1] ?? '';
    expect(sid).not.toBe('');
    const stored = await sessions().find({ userId: user.id }).lean();
    expect(stored.map((doc) => doc._id)).toEqual([sessionKey(sid)]);
    expect(await sessions().countDocuments({ _id: sid })).toBe(0);
    // The hashed key still finds the session: the cookie keeps authenticating.
    expect((await http.get('/api/auth/me')).status).toBe(200);
  });

  it('signs a user out at the next request once they are blocked', async () => {
    const user = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(user.username, user.password);
    await userModel(platform.db.connection).updateOne({ _id: user.id }, { blocked: true });
    const me = await http.get('/api/auth/me');
    expect([me.status, errorCode(me.body)]).toEqual([401, 'unauthorized']);
  });

  it('never reads an expired session, and prunes it by query', async () => {
    const user = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(user.username, user.password);
    await sessions().updateMany({ userId: user.id }, { expires: new Date(Date.now() - 1000) });
    expect((await http.get('/api/auth/me')).status).toBe(401);
    const { MongoSessionStore } = await import('../../platform/auth/sessionStore');
    const pruned = await new MongoSessionStore(platform.db.connection, 1000).pruneExpired();
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await sessions().countDocuments({ userId: user.id })).toBe(0);
  });
});

describe('CSRF protection on cookie-authenticated writes', () => {
  it('refuses writes without the X-Parley-CSRF header or from another site', async () => {
    const user = await createTestUser(platform.db.connection);
    const credentials = { username: user.username, password: user.password };
    const cases: { headers?: Record<string, string>; csrf?: boolean }[] = [
      { csrf: false },
      { headers: { origin: 'https://evil.example' } },
      { headers: { 'sec-fetch-site': 'cross-site' } },
      { headers: { 'sec-fetch-site': 'same-site' } },
      { headers: { origin: 'null' } },
    ];
    for (const options of cases) {
      const res = await client().post('/api/auth/login', credentials, options);
      expect([res.status, errorCode(res.body)], JSON.stringify(options)).toEqual([
        403,
        'csrf_rejected',
      ]);
      expect(res.setCookie).toBeNull();
    }
    const host = new URL(platform.server.url).host;
    const sameOrigin = await client().post('/api/auth/login', credentials, {
      headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('protects logout too (a cross-site page cannot sign a user out)', async () => {
    const user = await createTestUser(platform.db.connection);
    const http = client();
    await http.login(user.username, user.password);
    const res = await http.post('/api/auth/logout', undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect((await http.get('/api/auth/me')).status).toBe(200);
  });
});

describe('POST /api/study/enter', () => {
  it('creates a worker for a new external id and signs the same account in again later', async () => {
    const study = await createTestStudy(platform.db.connection);
    const { studyId } = study;
    const first = client();
    const res = await first.post('/api/study/enter', signedEntry(study, 'A1B2C3'));
    expect(res.status).toBe(200);
    const user = (res.body as { user: { id: string; roles: string[]; study: unknown } }).user;
    expect(user.roles).toEqual(['worker']);
    expect(user.study).toEqual({ studyId, externalWorkerId: 'A1B2C3' });
    expect((await first.get('/api/auth/me')).status).toBe(200);

    const again = await client().post('/api/study/enter', signedEntry(study, 'A1B2C3'));
    expect((again.body as { user: { id: string } }).user.id).toBe(user.id);
  });

  it('creates one account when the same worker enters from two tabs at once', async () => {
    const study = await createTestStudy(platform.db.connection);
    const { studyId } = study;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        client().post('/api/study/enter', signedEntry(study, 'twin')),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const ids = new Set(results.map((r) => (r.body as { user: { id: string } }).user.id));
    expect(ids.size).toBe(1);
    expect(
      await userModel(platform.db.connection).countDocuments({ 'study.studyId': studyId }),
    ).toBe(1);
    // One participant: one place of the quota.
    expect((await studyModel(platform.db.connection).findById(studyId).lean())?.entered).toBe(1);
  });

  it('refuses a blocked study worker: 403 account_blocked, no session', async () => {
    const study = await createTestStudy(platform.db.connection);
    const first = await client().post('/api/study/enter', signedEntry(study, 'banned'));
    const id = (first.body as { user: { id: string } }).user.id;
    await userModel(platform.db.connection).updateOne({ _id: id }, { $set: { blocked: true } });

    const http = client();
    const again = await http.post('/api/study/enter', signedEntry(study, 'banned'));
    expect([again.status, errorCode(again.body)]).toEqual([403, 'account_blocked']);
    expect(again.setCookie).toBeNull();
    expect((await http.get('/api/auth/me')).status).toBe(401);
  });

  it('validates ids and admits only open studies, writing nothing otherwise', async () => {
    const study = await createTestStudy(platform.db.connection);
    const closed = await createTestStudy(platform.db.connection, { open: false });
    const users = userModel(platform.db.connection);
    const before = await users.countDocuments();
    const sig = signedEntry(study, 'ok').sig;
    for (const body of [
      { ...signedEntry(study, 'x'), participantId: '../admin' },
      { ...signedEntry(study, 'x'), participantId: 'x'.repeat(65) },
      { ...signedEntry(study, 'x'), participantId: { $ne: null } },
      { ...signedEntry(study, 'ok'), role: 'admin' },
      { studyId: study.studyId, participantId: 'ok' },
      { studyId: study.studyId, participantId: 'ok', sig: 'not hex' },
      { studyId: study.studyId, participantId: 'ok', sig, platform: 'other' },
    ]) {
      const res = await client().post('/api/study/enter', body);
      expect([res.status, errorCode(res.body)], JSON.stringify(body)).toEqual([
        400,
        'validation_failed',
      ]);
    }
    for (const id of [closed.studyId, 'no-such-study']) {
      const res = await client().post('/api/study/enter', {
        ...signedEntry(study, 'w1'),
        studyId: id,
      });
      expect([res.status, errorCode(res.body)]).toEqual([403, 'study_closed']);
    }
    expect(await users.countDocuments()).toBe(before);
  });
});
