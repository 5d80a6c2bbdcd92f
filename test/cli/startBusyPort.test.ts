import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../setup/testDatabase';
import { runParley } from './runParley';

let busy: net.Server;
let port: number;
let database: { connection: Connection; drop(): Promise<void> };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-busy-port-'));

beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  port = (busy.address() as net.AddressInfo).port;
  database = await openTestDatabase('busy-port');
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('parley start on a busy port', () => {
  it('says which port is in use and to set PORT, before it creates anything', async () => {
    const run = await runParley(['start'], {
      env: {
        MONGODB_URI: inject('mongoUri'),
        PARLEY_DB_NAME: database.connection.name,
        HOST: '127.0.0.1',
        PORT: String(port),
        PARLEY_WORKERS: '0',
        PARLEY_DEMO: 'on',
        PARLEY_DATA_DIR: dataDir,
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${port} is in use`);
    expect(run.stderr).toContain('set PORT');
    expect(run.stderr).not.toContain('EADDRINUSE');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // No demo accounts or tasks were created in a database the user never got to use.
    const collections = await database.connection.db!.listCollections().toArray();
    const counts = await Promise.all(
      collections.map((c) => database.connection.db!.collection(c.name).countDocuments()),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(0);
  });
});
