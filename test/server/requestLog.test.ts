import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { sessionTag } from '../../server/http/requestLog';
import { createLogger } from '../../platform/logger';
import { startServer, type PlatformServer } from '../../server/platform';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let server: PlatformServer;
const lines: Record<string, unknown>[] = [];
let raw = '';

beforeAll(async () => {
  db = await openTestDatabase('requestlog');
  await prepareDatabase(db.connection);
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    raw += chunk.toString();
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  server = await startServer({
    connection: db.connection,
    database: { kind: inject('databaseKind') as DatabaseKind, version: inject('databaseVersion') },
    log: createLogger('info', 'parley', sink, 'json'),
    host: '127.0.0.1',
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const logOf = (requestId: string) =>
  lines.find((l) => (l.req as { id?: string } | undefined)?.id === requestId);

describe('request logs', () => {
  it('log each API request with its request id, user and session tag, and no credentials', async () => {
    const user = await createTestUser(db.connection, ['researcher']);
    const http = new HttpClient(server.url);
    await http.login(user.username, user.password);
    const res = await fetch(`${server.url}/api/rounds`, {
      headers: { cookie: http.cookie ?? '', 'x-request-id': 'trace-1234abcd' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-1234abcd');
    // The line is written as the response finishes: wait for it, however slow the machine.
    const line = await vi.waitFor(
      () => {
        const found = logOf('trace-1234abcd');
        expect(found).toBeDefined();
        return found;
      },
      { timeout: 30_000, interval: 10 },
    );
    expect(line).toMatchObject({
      req: { method: 'GET', url: '/api/rounds' },
      res: { statusCode: 200 },
      userId: user.id,
    });
    expect(typeof line?.responseTime).toBe('number');
    // The session is identified by a tag, never by its id or cookie; passwords never appear.
    const sessionId = decodeURIComponent((http.cookie ?? '').split('=')[1] ?? '')
      .replace(/^s:/, '')
      .split('.')[0];
    expect(line?.session).toBe(sessionTag(sessionId));
    expect(raw).not.toContain(sessionId);
    expect(raw).not.toContain(user.password);
  });

  it('make up a request id when the client sends none or a malformed one', async () => {
    const res = await fetch(`${server.url}/api/nope`, { headers: { 'x-request-id': 'bad id!' } });
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await vi.waitFor(() => expect(logOf(id)).toMatchObject({ res: { statusCode: 404 } }), {
      timeout: 30_000,
      interval: 10,
    });
  });
});
