import { demoStudyPath } from '../../platform/users/demoAccounts';
import type { Command } from 'commander';
import { maskUri } from '../../platform/database/uri';
import { commandConfig, commandLogger, failCommand, untilStopSignal } from '../cliRuntime';
import { runPlatform } from '../platform/runPlatform';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run the platform: database, HTTP + Socket.IO server, workers and web client.')
    .action(async () => {
      const config = commandConfig();
      const log = commandLogger(config, 'parley');
      const startedAt = Date.now();
      const platform = await runPlatform(config, log).catch(failCommand);
      console.log(
        [
          '',
          `  Parley is running at ${platform.url}  (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
          `  Health: ${platform.url}/api/health`,
          `  Database: ${maskUri(platform.databaseUri)}  (data in ${config.dataDir})`,
          ...demoLines(platform.demoAccounts, platform.url),
          '  Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      const signal = await untilStopSignal();
      log.info({ signal }, 'stopping');
      await platform.stop();
      console.log('Parley stopped.');
    });
}

function demoLines(
  accounts: { username: string; password: string; role: string }[],
  url: string,
): string[] {
  if (accounts.length === 0) {
    return [];
  }
  return [
    '  Demo accounts (PARLEY_DEMO; never in production):',
    ...accounts.map((a) => `    ${a.role.padEnd(11)} ${a.username} / ${a.password}`),
    `  Crowd entry (a signed study link; docs/studies.md): ${url}${demoStudyPath('demo-participant-1')}`,
  ];
}
