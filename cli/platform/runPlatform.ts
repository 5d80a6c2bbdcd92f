import type { Config } from '../../platform/config';
import { connectDatabase } from '../../platform/database/connection';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { backfillLookups } from '../../platform/database/backfillLookups';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import type { Logger } from '../../platform/logger';
import { serverSettingsOf, startServer } from '../../server/platform';
import { seedDemoTasks } from '../../platform/tasks/demoTasks';
import {
  presentDemoAccounts,
  seedDemoAccounts,
  upgradeDemoStudy,
} from '../../platform/users/demoAccounts';
import { ensurePortFree, portInUseMessage } from './portCheck';
import { startRunnerProcesses } from './runnerProcesses';

export interface RunningPlatform {
  url: string;
  databaseUri: string;
  /** The demo accounts that exist, when demo data is on (printed in the start banner). */
  demoAccounts: { username: string; password: string; role: string }[];
  stop(): Promise<void>;
}

/** Database, then server, then workers; stopped in the reverse order. */
export async function runPlatform(config: Config, log: Logger): Promise<RunningPlatform> {
  // Before anything is started or created: a busy port should cost nothing but a message.
  await ensurePortFree(config.host, config.port);
  const database = await startDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
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
    await backfillLookups(connection);
    if (config.demoData && (await seedDemoAccounts(connection))) {
      log.info('created the demo accounts on an empty database');
    }
    if (config.demoData && (await upgradeDemoStudy(connection))) {
      log.info('gave the demo study of an older start its secret (signed links)');
    }
    if (config.demoData) {
      const created = await seedDemoTasks(connection, { count: 8 });
      if (created > 0) {
        log.info({ tasks: created }, 'created demo annotation tasks from the synthetic corpus');
      }
    }
    const demoAccounts = config.demoData ? await presentDemoAccounts(connection) : [];
    const server = await startServer({
      connection,
      database: { kind: database.kind, version: database.version },
      log,
      host: config.host,
      port: config.port,
      settings: serverSettingsOf(config),
    }).catch((error: NodeJS.ErrnoException) => {
      // Taken since the check above (another process was faster).
      throw error.code === 'EADDRINUSE'
        ? new Error(portInUseMessage(config.host, config.port))
        : error;
    });
    cleanups.push(() => server.close());
    const workers = startRunnerProcesses({
      count: config.workers,
      env: { ...process.env, MONGODB_URI: database.uri },
      log: log.child({ component: 'workers' }),
    });
    cleanups.push(() => workers.stop());
    return { url: server.url, databaseUri: database.uri, demoAccounts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
