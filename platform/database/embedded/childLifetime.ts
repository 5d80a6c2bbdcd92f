import type { ChildProcess } from 'node:child_process';

const gracefulStopMs = 10_000;

/**
 * Asks a child to stop (`requestStop`), waits for it, and kills it if it takes longer than
 * ten seconds. Resolves once the child has exited; safe to call more than once.
 */
export function stopChild(child: ChildProcess, requestStop: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), gracefulStopMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    requestStop();
  });
}
