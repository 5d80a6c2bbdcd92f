import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/httpClient';

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'parley.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-start-'));

let started: ReturnType<typeof spawn> | null = null;

afterAll(() => {
  // A failed assertion must not leave a platform running behind the test run.
  started?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Pids of live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('parley start', () => {
  it('runs database, server and workers, and one SIGINT stops all of them', async () => {
    const child = spawn(process.execPath, [bin, 'start'], {
      env: {
        ...process.env,
        MONGODB_URI: '',
        PORT: '0',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_WORKERS: '2',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started = child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const banner: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        banner.push(line);
        const match = /running at (http:\/\/\S+)/.exec(line);
        if (match?.[1] !== undefined) {
          resolve(match[1]);
        }
      });
      void exited.then((code) => reject(new Error(`parley start exited early (${code})`)));
    });

    // An empty database gets one demo account per role, printed in the banner, that can sign in.
    await waitFor(
      () => Promise.resolve(banner.some((l) => l.includes('Press Ctrl-C')) ? true : null),
      30_000,
    );
    const text = banner.join('\n');
    for (const role of ['worker', 'reviewer', 'researcher', 'admin']) {
      expect(text).toMatch(new RegExp(`${role}\\s+${role} / parley-${role}`));
    }
    const http = new HttpClient(url);
    await http.login('admin', 'parley-admin');
    expect((await http.get('/api/auth/me')).status).toBe(200);

    // Anyone gets the status; an admin also sees the database and the live workers.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const health = await waitFor(async () => {
      const body = (await http.get('/api/health')).body as {
        status: string;
        db: { kind: string };
        workers: { alive: number } | null;
      };
      return body.workers !== null && body.workers.alive === 2 ? body : null;
    }, 30_000);
    expect(health.status).toBe('ok');
    expect(health.db.kind).toBe('mongo-java-server');
    // The embedded database and both workers are running with this data directory / parent.
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(1);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await waitFor(
      () => Promise.resolve(processesMentioning(dataDir).length === 0 ? true : null),
      10_000,
    );
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(
      processesMentioning(path.join(import.meta.dirname, '..', '..', 'pipeline', 'main.ts')),
    ).toEqual([]);
  });
});
