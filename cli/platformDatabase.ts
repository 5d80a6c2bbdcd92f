import type { Connection } from 'mongoose';
import type { Config } from '../platform/config';
import { connectDatabase } from '../platform/database/connection';
import { readRunningDatabase } from '../platform/database/embedded/dataDirLock';
import { prepareDatabase } from '../platform/database/prepareModels';
import { commandConfig, commandLogger, failCommand } from './cliRuntime';

/**
 * The platform's database: MONGODB_URI, or else the embedded database that a running
 * `parley start` (or `parley db`) serves from the data directory (its lock file names it).
 */
export function platformDatabaseUri(config: Config): string {
  if (config.mongodbUri !== undefined) {
    return config.mongodbUri;
  }
  const running = readRunningDatabase(config.dataDir);
  if (running?.uri === undefined) {
    failCommand(
      new Error(
        `No database is running for the data directory ${config.dataDir}. Start Parley with \`parley start\` (in another terminal, from the same directory or with the same PARLEY_DATA_DIR) and run this again, or set MONGODB_URI to your MongoDB deployment.`,
      ),
    );
  }
  return running.uri;
}

/**
 * Runs an operator's command against the platform's database (see `platformDatabaseUri`),
 * closing the connection however the action ends.
 */
export async function withPlatformDatabase(
  name: string,
  action: (connection: Connection) => Promise<void>,
): Promise<void> {
  const config = commandConfig();
  const uri = platformDatabaseUri(config);
  const log = commandLogger(config, name);
  const connection = await connectDatabase({ uri, dbName: config.dbName, log });
  try {
    await prepareDatabase(connection);
    await action(connection);
  } catch (error) {
    await connection.close();
    failCommand(error);
  }
  await connection.close();
}
