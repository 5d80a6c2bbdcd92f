import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDatabaseStartError, type DatabaseLog } from './types';

/** The longest socket path the kernel takes (`sun_path` less its final NUL byte). */
export const maxSocketPathBytes = process.platform === 'linux' ? 107 : 103;

export interface DatabaseSocket {
  /** Absolute path of the Unix domain socket the embedded server listens on. */
  path: string;
  /** The MongoDB URI of that socket (the driver takes a host ending in `.sock` as a path). */
  uri: string;
  /** Removes the directory when it is a temporary one (see `databaseSocket`); else nothing. */
  cleanUp(): void;
}

/**
 * Where the embedded server listens: `<ownerOnlyDir>/<name>`, with `ownerOnlyDir` made mode
 * 0700, so that only Parley's owner can reach the server (it has no credentials of its own).
 * When that path is longer than a socket path may be, the socket goes to a fresh owner-only
 * directory under the system's temporary directory instead, which `cleanUp` removes.
 */
export function databaseSocket(
  ownerOnlyDir: string,
  name: string,
  log: DatabaseLog,
): DatabaseSocket {
  makeOwnerOnlyDir(ownerOnlyDir);
  const preferred = path.resolve(ownerOnlyDir, name);
  if (Buffer.byteLength(preferred) <= maxSocketPathBytes) {
    return { path: preferred, uri: socketUri(preferred), cleanUp: () => {} };
  }
  // mkdtemp creates the directory with mode 0700.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-db-'));
  const fallback = path.join(dir, name);
  if (Buffer.byteLength(fallback) > maxSocketPathBytes) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new EmbeddedDatabaseStartError(
      `The embedded database's socket path ${preferred} is longer than ${maxSocketPathBytes} bytes, and so is one in the temporary directory ${os.tmpdir()}. Set PARLEY_DATA_DIR (or TMPDIR) to a shorter path.`,
    );
  }
  log.info(
    `The data directory's path is too long for a socket (over ${maxSocketPathBytes} bytes): the embedded database listens on ${fallback} instead (an owner-only directory).`,
  );
  return {
    path: fallback,
    uri: socketUri(fallback),
    cleanUp: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `mongodb://%2Fpath%2Fto%2Fdb.sock/` */
export function socketUri(socketPath: string): string {
  return `mongodb://${encodeURIComponent(socketPath)}/`;
}

/** Creates the directory if needed and makes it owner-only, whatever mode it had before. */
export function makeOwnerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}
