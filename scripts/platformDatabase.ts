import type { Connection } from 'mongoose';
import { connectDatabase } from '../server/database/connection';
import { prepareDatabase } from '../server/database/prepareModels';
import { commandConfig, commandLogger, failCommand } from './cliRuntime';

/**
 * Runs an operator's command against the platform's database (MONGODB_URI; `parley db` prints
 * the embedded one), closing the connection however the action ends.
 */
export async function withPlatformDatabase(
  name: string,
  action: (connection: Connection) => Promise<void>,
): Promise<void> {
  const config = commandConfig();
  if (config.mongodbUri === undefined) {
    failCommand(
      new Error('Set MONGODB_URI to the platform database (`parley db` prints the embedded one).'),
    );
  }
  const log = commandLogger(config, name);
  const connection = await connectDatabase({ uri: config.mongodbUri, dbName: config.dbName, log });
  try {
    await prepareDatabase(connection);
    await action(connection);
  } catch (error) {
    await connection.close();
    failCommand(error);
  }
  await connection.close();
}
