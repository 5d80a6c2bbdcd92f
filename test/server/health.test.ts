import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { createLogger } from '../../platform/logger';
import { startServer, type PlatformServer } from '../../server/platform';
import { openTestDatabase } from '../setup/testDatabase';

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
  it('reports a healthy database on /api/health', async () => {
    // The server runs in this process, so its uptime is this process's, read around the call.
    const before = process.uptime();
    const res = await fetch(`${server.url}/api/health`);
    const after = process.uptime();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
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
      const body = (await res.json()) as { status: string; db: { ok: boolean; error?: string } };
      expect(body.status).toBe('unhealthy');
      expect(body.db.ok).toBe(false);
      expect(body.db.error).toBeTruthy();
    } finally {
      await other.close();
    }
  });
});
