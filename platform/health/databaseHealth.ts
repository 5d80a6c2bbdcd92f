import type { Connection } from 'mongoose';
import type { DatabaseKind } from '../database/embedded/types';
import { serverInfo } from '../database/connection';
import { mongodbVersionOfWire } from '../database/wireVersion';

export interface DatabaseHealth {
  ok: boolean;
  kind: DatabaseKind;
  /** The embedded server's own version when Parley started it, else what the server reports. */
  version: string | null;
  /** The wire protocol version the server speaks (`hello`'s `maxWireVersion`). */
  wireVersion?: number | null;
  /**
   * The MongoDB release whose protocol that is (mongo-java-server: wire 8 → "4.2", although its
   * `buildInfo` says "5.0.0"), or what the server reports when it does not tell its wire version.
   */
  mongodbCompatible?: string;
  error?: string;
}

const pingTimeoutMs = 2_000;

/** Pings the database with a short timeout; never throws. */
export async function checkDatabase(
  connection: Connection,
  database: { kind: DatabaseKind; version: string | null },
): Promise<DatabaseHealth> {
  const { kind } = database;
  try {
    const info = await withTimeout(serverInfo(connection), pingTimeoutMs);
    return {
      ok: true,
      kind,
      version: database.version ?? info.version,
      wireVersion: info.wireVersion,
      mongodbCompatible:
        info.wireVersion === null ? info.version : mongodbVersionOfWire(info.wireVersion),
    };
  } catch (error) {
    return {
      ok: false,
      kind,
      version: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
