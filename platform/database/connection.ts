import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger';
import { maskUri } from './uri';

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

export interface ConnectOptions {
  uri: string;
  dbName: string;
  log: Logger;
  attempts?: number;
  retryDelayMs?: number;
  /** How long one attempt waits for the server (default 5 s). */
  serverSelectionTimeoutMs?: number;
}

/**
 * Opens a Mongoose connection (not the global one, so tests and processes can hold several),
 * retrying while the server comes up; fails with the masked URI and the last reason.
 */
export async function connectDatabase(options: ConnectOptions): Promise<Connection> {
  // Mongoose otherwise records a stack trace at every query (only to report a query run
  // twice); with source maps on, that was ~4 % of a loaded server's CPU.
  mongoose.set('skipOriginalStackTraces', true);
  const attempts = options.attempts ?? 10;
  const delay = options.retryDelayMs ?? 500;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const connection = mongoose.createConnection(options.uri, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
      // The embedded server has no sessions or retryable writes; each write is atomic per document.
      retryWrites: false,
      // Collections and indexes are created by prepareDatabase() at start-up, never in the
      // background while the first writes race them (see prepareModels.ts).
      autoCreate: false,
      autoIndex: false,
    });
    try {
      await connection.asPromise();
      return connection;
    } catch (error) {
      lastError = error;
      await connection.close().catch(() => undefined);
      options.log.warn(
        { attempt, attempts, uri: maskUri(options.uri), err: error },
        'database not reachable yet',
      );
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, delay * attempt));
      }
    }
  }
  throw new DatabaseConnectError(
    `Could not connect to MongoDB at ${maskUri(options.uri)} after ${attempts} attempts: ${
      lastError instanceof Error ? lastError.message : String(lastError)
    }`,
  );
}

export interface DatabaseServerInfo {
  /** The version `buildInfo` reports (mongo-java-server claims one it does not speak). */
  version: string;
  /** The newest wire protocol version the server speaks (`hello`'s `maxWireVersion`). */
  wireVersion: number | null;
}

/** Pings the server and asks its version (`buildInfo`) and protocol (`hello`); throws when it does not answer. */
export async function serverInfo(connection: Connection): Promise<DatabaseServerInfo> {
  const db = connection.db;
  if (db === undefined) {
    throw new DatabaseConnectError('Not connected to the database.');
  }
  const admin = db.admin();
  await admin.ping();
  const info = await admin.command({ buildInfo: 1 });
  // `hello` since MongoDB 4.4 (and mongo-java-server); `isMaster` before it.
  const hello = await admin
    .command({ hello: 1 })
    .catch(() => admin.command({ isMaster: 1 }))
    .catch((): Record<string, unknown> => ({}));
  const wire: unknown = hello.maxWireVersion;
  return { version: String(info.version), wireVersion: typeof wire === 'number' ? wire : null };
}
