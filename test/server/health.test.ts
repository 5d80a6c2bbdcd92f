import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { createLogger } from '../../platform/logger';
import { startServer, type PlatformServer } from '../../server/platform';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let server: PlatformServer;

beforeAll(async () => {
  db = await openTestDatabase('health');
  server = await startServer({
    connection: db.connection,
    database: { kind: inject('databaseKind') as DatabaseKind, version: inject('databaseVersion') },
    log: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe('HTTP server', () => {
  it('tells anonymous callers only that it is ok', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('tells a researcher only that it is ok', async () => {
    const researcher = await createTestUser(db.connection, ['researcher']);
    const http = new HttpClient(server.url);
    await http.login(researcher.username, researcher.password);
    const res = await http.get('/api/health');
    expect([res.status, res.body]).toEqual([200, { status: 'ok' }]);
  });

  it('reports the database, workers and uptime to admins', async () => {
    const admin = await createTestUser(db.connection, ['admin']);
    const http = new HttpClient(server.url);
    await http.login(admin.username, admin.password);
    // The server runs in this process, so its uptime is this process's, read around the call.
    const before = process.uptime();
    const res = await http.get('/api/health');
    const after = process.uptime();
    expect(res.status).toBe(200);
    const body = res.body as {
      status: string;
      db: { ok: boolean; kind: string };
      workers: { alive: number } | null;
      uptime: number;
    };
    expect(body.status).toBe('ok');
    expect(body.db).toMatchObject({ ok: true, kind: inject('databaseKind') });
    expect(body.workers).toEqual({ alive: 0 }); // no worker process runs in this test
    expect(Number.isInteger(body.uptime)).toBe(true);
    expect(body.uptime).toBeGreaterThanOrEqual(Math.floor(before));
    expect(body.uptime).toBeLessThanOrEqual(Math.ceil(after));
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No API route GET /no-such-thing.' },
    });
  });

  it('rejects malformed and oversized JSON bodies with a clear 4xx', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/health`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('{"unterminated": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'bad_request',
    );

    const oversized = await post(JSON.stringify({ blob: 'x'.repeat(200_000) }));
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });
});

describe('HTTP server without its database', () => {
  it('reports unhealthy (503) when the database connection is gone', async () => {
    const lonely = await openTestDatabase('health_down');
    const other = await startServer({
      connection: lonely.connection,
      database: { kind: 'external', version: null },
      log: createLogger('silent'),
      host: '127.0.0.1',
      port: 0,
    });
    try {
      await lonely.drop(); // drops the database and closes the connection
      const res = await fetch(`${other.url}/api/health`);
      expect(res.status).toBe(503);
      // Anonymous: the state, not the error (which may name hosts or versions).
      expect(await res.json()).toEqual({ status: 'unhealthy' });
    } finally {
      await other.close();
    }
  });
});
