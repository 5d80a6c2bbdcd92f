import type { Command } from 'commander';

/**
 * `parley worker`: one worker process on its own (another machine, a container), leasing jobs
 * from the database in MONGODB_URI. `parley start` forks PARLEY_WORKERS of these itself.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Run one worker process (self-play, ranking, retraining jobs) against MONGODB_URI; stops on SIGINT/SIGTERM.',
    )
    .action(async () => {
      await import('../platform/runnerMain');
    });
}
