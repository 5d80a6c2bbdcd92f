import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './dataDirLock';
import { findOnPath } from './executables';
import { ensureMongoJavaServer, unavailableMessage } from './mongoJavaServerBuild';
import { launchMongoJavaServer } from './mongoJavaServerProcess';
import { launchMongod } from './mongodProcess';
import { databaseSocket, type DatabaseSocket } from './socketPath';
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
  // The server's files and its socket share one owner-only directory: no other local user can
  // read the files or connect (neither server checks credentials; see README.md).
  const serverDir = path.join(options.dataDir, mongod !== null ? 'mongod' : 'mongo-java-server');
  const lock = lockDataDir(options.dataDir);
  let launch: (socket: DatabaseSocket) => Promise<DatabaseHandle>;
  let socket: DatabaseSocket;
  try {
    launch = await serverLauncher(mongod, serverDir, options);
    socket = databaseSocket(serverDir, 'db.sock', options.log);
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    // We hold the data directory's lock: a socket file left here is a crashed run's.
    fs.rmSync(socket.path, { force: true });
    const handle = await launch(socket);
    lock.describe({ kind: handle.kind, version: handle.version, uri: handle.uri });
    return {
      ...handle,
      stop: () =>
        handle.stop().finally(() => {
          socket.cleanUp();
          lock.release();
        }),
    };
  } catch (error) {
    socket.cleanUp();
    lock.release();
    throw error;
  }
}

/** How to start the chosen server (building mongo-java-server's launcher first if needed). */
async function serverLauncher(
  mongod: string | null,
  serverDir: string,
  options: StartDatabaseOptions,
): Promise<(socket: DatabaseSocket) => Promise<DatabaseHandle>> {
  if (mongod !== null) {
    return (socket) => launchMongod({ mongod, dbPath: serverDir, socket, log: options.log });
  }
  const launcher = await ensureMongoJavaServer(options.cacheDir, options.log);
  return (socket) =>
    launchMongoJavaServer({
      launcher,
      storeFile: path.join(serverDir, 'parley.mv'),
      socket,
      log: options.log,
    });
}
