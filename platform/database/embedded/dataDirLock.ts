import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseStartError, type DatabaseKind } from './types';

/** What a running Parley writes into its data directory's lock file. */
export interface RunningDatabase {
  pid: number;
  kind?: DatabaseKind;
  version?: string | null;
  uri?: string;
}

export interface DataDirLock {
  /**
   * Records the database now serving this directory, for `parley doctor` and for commands such
   * as `parley users` that find the running database by themselves.
   */
  describe(database: Omit<RunningDatabase, 'pid'>): void;
  release(): void;
}

const lockName = 'parley.lock';

/**
 * Claims a data directory for this process, so that two Parleys never open the same database
 * files. A lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Owner-only: the file names the database (its URI), which operators' commands read.
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid }), { flag: 'wx', mode: 0o600 });
      return {
        describe: (database) =>
          fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, ...database })),
        release: () => releaseLock(lockFile),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const holder = readRunningDatabase(dir);
      if (holder !== null) {
        throw new EmbeddedDatabaseStartError(
          `The data directory ${dir} is in use by process ${holder.pid}. Stop that Parley, or set PARLEY_DATA_DIR to another directory.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new EmbeddedDatabaseStartError(`Could not lock the data directory ${dir}.`);
}

/** The database a live Parley process serves from this directory, or null. */
export function readRunningDatabase(dir: string): RunningDatabase | null {
  let content: string;
  try {
    content = fs.readFileSync(path.join(dir, lockName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
  const parsed = parseLock(content);
  return parsed !== null && isAlive(parsed.pid) ? parsed : null;
}

function parseLock(content: string): RunningDatabase | null {
  try {
    const value = JSON.parse(content) as Partial<RunningDatabase>;
    return typeof value.pid === 'number' && value.pid > 0 ? (value as RunningDatabase) : null;
  } catch {
    // A lock cut short by a crash mid-write: nobody holds it.
    return null;
  }
}

function releaseLock(lockFile: string): void {
  const content = fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : '';
  if (parseLock(content)?.pid === process.pid) {
    fs.rmSync(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
