import type { Command } from 'commander';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import { maskUri } from '../../platform/database/uri';
import { commandConfig, commandLogger, failCommand, untilStopSignal } from '../cliRuntime';

export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description('Run the embedded database in the foreground and print its URI; Ctrl-C stops it.')
    .action(async () => {
      const config = commandConfig();
      const log = commandLogger(config, 'db');
      const database = await startDatabase({
        mongodbUri: config.mongodbUri,
        dataDir: config.dataDir,
        cacheDir: config.cacheDir,
        log,
      }).catch(failCommand);
      if (database.kind === 'external') {
        console.log(`MONGODB_URI is set (${maskUri(database.uri)}); no embedded database to run.`);
        return;
      }
      console.log(`${database.kind} ${database.version ?? ''} serving ${database.dataDir}`);
      console.log(database.uri);
      await untilStopSignal();
      await database.stop();
      console.log('database stopped');
    });
}
