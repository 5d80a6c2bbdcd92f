import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mongodbVersionOfWire } from '../../platform/database/wireVersion';
import { runParley } from './runParley';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-doctor-'));
const emptyPath = path.join(scratch, 'empty-path');
fs.mkdirSync(emptyPath);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface ToolsCheck {
  ok: boolean;
  optional: boolean;
  fix?: string;
}

interface DoctorReport {
  healthy: boolean;
  node: { ok: boolean; version: string };
  tensorflow: { ok: boolean; backend: string | null };
  database: {
    ok: boolean;
    kind: string | null;
    uri?: string;
    error?: string;
    wireVersion?: number;
    mongodbCompatible?: string;
  };
  dataDir: { ok: boolean; path: string };
  embeddedDatabaseTools: ToolsCheck;
  chromium: ToolsCheck & { path: string };
}

describe('parley doctor', () => {
  it('reports every part healthy, as JSON, with exit code 0', async () => {
    const run = await runParley(['doctor'], { env: { MONGODB_URI: inject('mongoUri') } });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.healthy).toBe(true);
    expect(report.node.version).toBe(process.versions.node);
    expect(report.tensorflow).toMatchObject({ ok: true });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(report.tensorflow.backend);
    expect(report.database).toMatchObject({ ok: true, kind: 'external' });
    expect(report.dataDir.ok).toBe(true);
  });

  it('reports the MongoDB release whose wire protocol the database speaks, not what it claims', async () => {
    const run = await runParley(['doctor'], { env: { MONGODB_URI: inject('mongoUri') } });
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.database.wireVersion).toEqual(expect.any(Number));
    expect(report.database.mongodbCompatible).toBe(
      mongodbVersionOfWire(report.database.wireVersion ?? -1),
    );
    // The embedded mongo-java-server says "5.0.0" in buildInfo but speaks wire version 8.
    expect(report.database.mongodbCompatible).toBe(
      inject('databaseKind') === 'mongo-java-server'
        ? '4.2'
        : mongodbVersionOfWire(report.database.wireVersion ?? -1),
    );
  });

  it('checks Java and Maven and chromium, naming the fix; optional with MONGODB_URI', async () => {
    const run = await runParley(['doctor'], {
      env: {
        MONGODB_URI: inject('mongoUri'),
        PATH: emptyPath,
        PARLEY_CHROMIUM: '/nowhere/chromium',
      },
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.healthy).toBe(true);
    expect(report.embeddedDatabaseTools).toMatchObject({ ok: false, optional: true });
    expect(report.embeddedDatabaseTools.fix).toContain(
      'apt-get install openjdk-17-jdk-headless maven',
    );
    expect(report.chromium).toMatchObject({ ok: false, optional: true, path: '/nowhere/chromium' });
    expect(report.chromium.fix).toContain('apt-get install chromium');
  });

  it('is unhealthy without Java and Maven when it would need the embedded database', async () => {
    const run = await runParley(['doctor'], {
      env: { MONGODB_URI: '', PATH: emptyPath, PARLEY_DATA_DIR: path.join(scratch, 'data') },
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.healthy).toBe(false);
    expect(report.embeddedDatabaseTools).toMatchObject({ ok: false, optional: false });
    expect(report.embeddedDatabaseTools.fix).toContain(
      'apt-get install openjdk-17-jdk-headless maven',
    );
  });

  it('exits non-zero when the database is unreachable, and never prints its password', async () => {
    const run = await runParley(['doctor'], {
      env: { MONGODB_URI: 'mongodb://ann:hunter2@127.0.0.1:1/' },
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.healthy).toBe(false);
    expect(report.database.ok).toBe(false);
    expect(report.database.uri).toBe('mongodb://ann:***@127.0.0.1:1/');
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });

  it('rejects an invalid environment with a message naming the variable', async () => {
    const run = await runParley(['doctor'], { env: { PORT: 'eighty' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT/);
  });
});
