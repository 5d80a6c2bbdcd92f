import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runParley } from './runParley';

interface DoctorReport {
  healthy: boolean;
  node: { ok: boolean; version: string };
  tensorflow: { ok: boolean; backend: string | null };
  database: { ok: boolean; kind: string | null; uri?: string; error?: string };
  dataDir: { ok: boolean; path: string };
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
