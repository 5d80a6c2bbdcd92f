import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../platform/logger';
import { stopChild } from '../../platform/database/embedded/childLifetime';

const runnerEntry = fileURLToPath(new URL('./runnerMain.ts', import.meta.url));

export interface RunnerProcesses {
  stop(): Promise<void>;
}

/**
 * Forks `count` worker processes. Each gets an IPC channel, which closes when this process
 * dies however it dies, and the workers exit on that (see pipeline/runnerProcess.ts). A worker that
 * crashes is restarted after a pause.
 */
export function startRunnerProcesses(options: {
  count: number;
  env: NodeJS.ProcessEnv;
  log: Logger;
}): RunnerProcesses {
  const children = new Set<ChildProcess>();
  let stopping = false;

  const launch = (index: number): void => {
    const child = fork(runnerEntry, [], {
      env: options.env,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (!stopping) {
        options.log.error({ index, code, signal }, 'worker exited; restarting in 2 s');
        setTimeout(() => !stopping && launch(index), 2_000).unref();
      }
    });
  };

  for (let i = 0; i < options.count; i++) {
    launch(i);
  }
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(
        [...children].map((child) => stopChild(child, () => child.kill('SIGTERM'))),
      );
    },
  };
}
