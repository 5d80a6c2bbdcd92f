import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundView } from '../../shared/protocol/rounds';
import { connectDatabase } from '../../platform/database/connection';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import type { DatabaseHandle } from '../../platform/database/embedded/types';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { createLogger } from '../../platform/logger';
import { startServer, type PlatformServer } from '../../server/platform';
import { roundModel } from '../../platform/rounds/roundModel';
import type { ActAckData, TaskView } from '../../shared/protocol/annotation';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { connectAnnotate, request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { createTestTasks } from '../support/taskFactory';
import { errorCode, HttpClient } from '../support/httpClient';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-outage-'));
const quiet = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => undefined);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function database(): Promise<DatabaseHandle> {
  return startDatabase({
    dataDir,
    cacheDir: process.env.PARLEY_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'parley'),
    log: { info: () => undefined, warn: () => undefined },
    prefer: 'mongo-java-server',
  });
}

const round = (name: string) => ({
  name,
  domain: 'dealornodeal',
  selfPlayDialogues: 10,
  annotate: 2,
  oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
});

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${ms} ms; last value ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the database stops for 10 s and comes back', () => {
  it('reports unhealthy, rejects writes with a clear error, and recovers without a restart', async () => {
    let db = await database();
    const uri = db.uri;
    cleanups.push(() => db.stop());
    const connection: Connection = await connectDatabase({
      uri: db.uri,
      dbName: 'outage',
      log: quiet,
    });
    cleanups.push(() => connection.close());
    await prepareDatabase(connection);
    const server: PlatformServer = await startServer({
      connection,
      database: { kind: db.kind, version: db.version },
      log: quiet,
      host: '127.0.0.1',
      port: 0,
    });
    cleanups.push(() => server.close());

    const researcher = await createTestUser(connection, ['researcher']);
    const http = new HttpClient(server.url);
    await http.login(researcher.username, researcher.password);
    const before = await http.post('/api/rounds', round('before the outage'));
    expect(before.status).toBe(201);

    // A worker in the middle of a dialogue (Alice is a scripted negotiator that will answer).
    await createTestTasks(connection, 1, { redundancy: 1 });
    const worker = await createTestUser(connection, ['worker']);
    const workerHttp = new HttpClient(server.url);
    await workerHttp.login(worker.username, worker.password);
    const socket = await connectAnnotate(server.url, { cookie: workerHttp.cookie });
    cleanups.push(() => Promise.resolve(void socket.close()));
    const claim = await request<TaskView | null>(socket, 'task:claim', {});
    const view = claim.ok ? claim.data : null;
    if (view === null) {
      throw new Error(`claim failed: ${JSON.stringify(claim)}`);
    }
    const act = (seq: number) =>
      request<ActAckData>(socket, 'dialogue:act', {
        taskId: view.taskId,
        seq,
        act: { type: 'propose', allocation: view.counts.map(() => 0) },
      });

    await db.stop();
    const outageStarted = Date.now();

    // A monitor calls without a session (a signed-in caller's session cannot be read while the
    // database is down: that answers 503 database_unavailable, as every other route does).
    const monitor = new HttpClient(server.url);
    const health = await eventually(
      () => monitor.get('/api/health'),
      (res) => res.status === 503,
      8_000,
    );
    expect(health.body).toEqual({ status: 'unhealthy' });

    const during = await http.post('/api/rounds', round('during the outage'));
    expect(during.status).toBe(503);
    expect(errorCode(during.body)).toBe('database_unavailable');
    // An act cannot be stored, so it is not acknowledged: the worker is told, and resends later.
    const unstored = await act(1);
    expect(unstored).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });

    // Ten seconds of outage, then the same database comes back on the same socket.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - outageStarted))),
    );
    db = await database();
    expect(db.uri).toBe(uri);

    await eventually(
      () => monitor.get('/api/health'),
      (res) => res.status === 200,
      20_000,
    );
    const after = await http.post('/api/rounds', round('after the outage'));
    expect(after.status).toBe(201);
    const resent = await act(1);
    expect(resent).toEqual({ ok: true, data: { seq: 1, turn: view.turn, duplicate: false } });
    const stored = await annotationModel(connection).findOne({ taskId: view.taskId }).lean();
    expect(stored?.bobSeqs).toEqual([1]);
    expect(stored?.turns[0]?.act).toEqual({
      type: 'propose',
      allocation: view.counts.map(() => 0),
    });

    // Nothing acknowledged was lost, and the rejected write did not happen behind the user's back.
    const names = (await roundModel(connection).find({}, { name: 1 }).lean()).map((r) => r.name);
    expect(names.sort()).toEqual(['after the outage', 'before the outage']);
    const listed = await http.get('/api/rounds');
    expect((listed.body as { rounds: RoundView[] }).rounds).toHaveLength(2);
  });
});
