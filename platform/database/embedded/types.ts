export type DatabaseKind = 'external' | 'mongod' | 'mongo-java-server';

/** A running (or external) MongoDB-compatible server that Parley may connect to. */
export interface DatabaseHandle {
  kind: DatabaseKind;
  /** Server version as the launcher knows it ("1.47.0" for mongo-java-server); `null` for external. */
  version: string | null;
  uri: string;
  /** Directory holding the database files; `null` for an external server. */
  dataDir: string | null;
  /** Process id of the server Parley started; `null` for an external one. */
  pid: number | null;
  /** Stops the server Parley started (no-op for an external one). Safe to call twice. */
  stop(): Promise<void>;
}

export interface DatabaseLog {
  info(message: string): void;
  warn(message: string): void;
}

export class EmbeddedDatabaseUnavailableError extends Error {
  override name = 'EmbeddedDatabaseUnavailableError';
}

export class EmbeddedDatabaseStartError extends Error {
  override name = 'EmbeddedDatabaseStartError';
}
