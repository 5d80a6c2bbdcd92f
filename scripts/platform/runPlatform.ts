import type { Config } from '../../server/config';
import { connectDatabase } from '../../server/database/connection';
import { prepareDatabase } from '../../server/database/prepareModels';
import { startDatabase } from '../../server/database/embedded/startDatabase';
import type { Logger } from '../../server/logger';
import { startServer } from '../../server/platform';
import { startWorkerProcesses } from './workerProcesses';

export interface RunningPlatform {
  url: string;
  databaseUri: string;
  stop(): Promise<void>;
}

/** Database, then server, then workers; stopped in the reverse order. */
export async function runPlatform(config: Config, log: Logger): Promise<RunningPlatform> {
  const database = await startDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
    preferredPort: config.dbPort,
    log: log.child({ component: 'database' }),
  });
  const cleanups: (() => Promise<void>)[] = [() => database.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup();
    }
    cleanups.length = 0;
  };
  try {
    const connection = await connectDatabase({ uri: database.uri, dbName: config.dbName, log });
    cleanups.push(() => connection.close());
    await prepareDatabase(connection);
    const server = await startServer({
      connection,
      database: { kind: database.kind, version: database.version },
      log,
      host: config.host,
      port: config.port,
    });
    cleanups.push(() => server.close());
    const workers = startWorkerProcesses({
      count: config.workers,
      env: { ...process.env, MONGODB_URI: database.uri },
      log: log.child({ component: 'workers' }),
    });
    cleanups.push(() => workers.stop());
    return { url: server.url, databaseUri: database.uri, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
