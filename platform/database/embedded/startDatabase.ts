import path from 'node:path';
import { lockDataDir } from './dataDirLock';
import { findOnPath } from './executables';
import { ensureMongoJavaServer, unavailableMessage } from './mongoJavaServerBuild';
import { launchMongoJavaServer, PortInUseError } from './mongoJavaServerProcess';
import { launchMongod } from './mongodProcess';
import { choosePort } from './ports';
import {
  EmbeddedDatabaseUnavailableError,
  type DatabaseHandle,
  type DatabaseKind,
  type DatabaseLog,
} from './types';

export interface StartDatabaseOptions {
  /** A real deployment; when set nothing is started. */
  mongodbUri?: string | undefined;
  dataDir: string;
  cacheDir: string;
  /** Preferred port (27017 by default); 0 asks for any free port. */
  preferredPort: number;
  log: DatabaseLog;
  /** Force one kind of embedded server (tests use this); default: mongod, then mongo-java-server. */
  prefer?: Exclude<DatabaseKind, 'external'>;
}

/** Starts (or points at) the database Parley will use. See README.md beside this file. */
export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseHandle> {
  if (options.mongodbUri !== undefined) {
    return {
      kind: 'external',
      version: null,
      uri: options.mongodbUri,
      dataDir: null,
      pid: null,
      stop: async () => {},
    };
  }
  const mongod = options.prefer === 'mongo-java-server' ? null : findOnPath('mongod');
  if (options.prefer === 'mongod' && mongod === null) {
    throw new EmbeddedDatabaseUnavailableError(`mongod is not on PATH.\n${unavailableMessage()}`);
  }
  const lock = lockDataDir(options.dataDir);
  try {
    const handle =
      mongod !== null
        ? await launchMongod({
            mongod,
            dbPath: path.join(options.dataDir, 'mongod'),
            port: await choosePort(options.preferredPort),
            log: options.log,
          })
        : await startMongoJavaServer(options);
    lock.describe({ kind: handle.kind, version: handle.version, uri: handle.uri });
    return { ...handle, stop: () => handle.stop().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startMongoJavaServer(options: StartDatabaseOptions): Promise<DatabaseHandle> {
  const launcher = await ensureMongoJavaServer(options.cacheDir, options.log);
  const launch = (port: number) =>
    launchMongoJavaServer({
      launcher,
      storeFile: path.join(options.dataDir, 'mongo-java-server', 'parley.mv'),
      port,
      log: options.log,
    });
  try {
    return await launch(await choosePort(options.preferredPort));
  } catch (error) {
    // Someone took the port between our check and the server's bind: let the kernel pick one.
    if (error instanceof PortInUseError) {
      return launch(0);
    }
    throw error;
  }
}
