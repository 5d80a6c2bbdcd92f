import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import type { Config } from '../../platform/config';
import { connectDatabase } from '../../platform/database/connection';
import { freePort } from '../../platform/database/embedded/ports';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import { prepareDatabase } from '../../platform/database/prepareModels';
import type { Logger } from '../../platform/logger';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchPlatform {
  /** The bench's own connection, for seeding before and checking after. */
  connection: Connection;
  /** The embedded database's process (null for an external one). */
  databasePid: number | null;
  /** Starts the server as `parley start` runs it (no workers, no demo data) and waits for health. */
  startServer(env?: Record<string, string>): Promise<{ baseUrl: string; pid: number }>;
  close(): Promise<void>;
}

/**
 * A private embedded database on a scratch directory, prepared, and a server process on it
 * started on demand: benchmarks measure a real server without touching the user's data.
 */
export async function startBenchPlatform(config: Config, log: Logger): Promise<BenchPlatform> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const database = await startDatabase({
    dataDir: path.join(scratch, 'data'),
    cacheDir: config.cacheDir,
    log: log.child({ component: 'database' }),
  });
  const dbName = 'parley-bench';
  const connection = await connectDatabase({ uri: database.uri, dbName, log });
  await prepareDatabase(connection);
  let server: ChildProcess | null = null;
  return {
    connection,
    databasePid: database.pid,
    async startServer(env = {}) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, [path.join(repoRoot, 'bin/parley.js'), 'start'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          MONGODB_URI: database.uri,
          PARLEY_DB_NAME: dbName,
          HOST: '127.0.0.1',
          PORT: String(port),
          PARLEY_WORKERS: '0',
          PARLEY_DEMO: 'off',
          LOG_LEVEL: 'warn',
          LOG_FORMAT: 'json',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitForHealth(baseUrl, server);
      if (server.pid === undefined) {
        throw new Error('the server process has no pid');
      }
      return { baseUrl, pid: server.pid };
    },
    async close() {
      if (server !== null) {
        await stopProcess(server);
      }
      await connection.close();
      await database.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) {
      throw new Error(`the server exited with code ${server.exitCode} before it was healthy`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (healthy) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server was not healthy within 60 s');
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Signs users in, a few at a time (each sign-in is an argon2 verification); their cookies. */
export async function signIn(
  baseUrl: string,
  usernames: readonly string[],
  password: string,
): Promise<string[]> {
  const cookies: string[] = new Array<string>(usernames.length);
  let next = 0;
  const signer = async () => {
    while (next < usernames.length) {
      const index = next++;
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-parley-csrf': '1' },
        body: JSON.stringify({ username: usernames[index], password }),
      });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (!res.ok || cookie === undefined) {
        throw new Error(`sign-in of ${usernames[index]} failed: ${res.status} ${await res.text()}`);
      }
      cookies[index] = cookie;
    }
  };
  await Promise.all(Array.from({ length: 8 }, signer));
  return cookies;
}
