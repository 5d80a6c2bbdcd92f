import type { Connection } from 'mongoose';
import type { DatabaseKind } from '../database/embedded/types';
import { serverInfo } from '../database/connection';

export interface DatabaseHealth {
  ok: boolean;
  kind: DatabaseKind;
  /** The embedded server's own version when Parley started it, else what the server reports. */
  version: string | null;
  /** The MongoDB version the server claims compatibility with. */
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
      mongodbCompatible: info.version,
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
