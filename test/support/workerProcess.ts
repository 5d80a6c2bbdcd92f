import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

const runnerEntry = path.resolve(import.meta.dirname, '../../cli/platform/runnerMain.ts');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
}

/** A real worker process (cli/platform/runnerMain.ts) on the test run's database `dbName`. */
export function startWorkerProcess(
  dbName: string,
  env: Record<string, string> = {},
): WorkerProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', runnerEntry], {
    env: {
      ...process.env,
      MONGODB_URI: inject('mongoUri'),
      PARLEY_DB_NAME: dbName,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** SIGTERM, and up to 10 s for it to go. */
export async function stopWorkerProcess(worker: WorkerProcess): Promise<void> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}
