import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { inject } from 'vitest';

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'parley.js');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * `parley start` as a real process against the test run's database (database `dbName`), without
 * workers or demo data; resolves once it prints the URL it serves.
 */
export async function startServerProcess(
  dbName: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      MONGODB_URI: inject('mongoUri'),
      PARLEY_DB_NAME: dbName,
      PORT: '0',
      PARLEY_WORKERS: '0',
      PARLEY_DEMO: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /running at (http:\/\/\S+)/.exec(line);
      if (match?.[1] !== undefined) {
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`parley start exited early (${code})`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
}
