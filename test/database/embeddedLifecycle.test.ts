import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import { connectDatabase } from '../../platform/database/connection';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import { EmbeddedDatabaseStartError } from '../../platform/database/embedded/types';
import { createLogger } from '../../platform/logger';

// These tests run their own embedded servers (never MONGODB_URI): they stop, restart and kill them.
const quietLog = { info: () => {}, warn: () => {} };
const dirs: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lifecycle-'));
  dirs.push(dir);
  return dir;
}

function start(dataDir: string) {
  return startDatabase({
    dataDir,
    cacheDir: loadConfig().cacheDir,
    prefer: 'mongo-java-server',
    log: quietLog,
  });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded database lifecycle', () => {
  it('keeps its data across a stop and a start on the same data directory', async () => {
    const dataDir = tempDataDir();
    const log = createLogger('silent');
    const first = await start(dataDir);
    const c1 = await connectDatabase({ uri: first.uri, dbName: 'restart', log });
    await c1.collection('notes').insertMany([{ n: 1 }, { n: 2, text: 'kept' }]);
    await c1.close();
    await first.stop();
    expect(isRunning(first.pid!)).toBe(false);

    const second = await start(dataDir);
    try {
      const c2 = await connectDatabase({ uri: second.uri, dbName: 'restart', log });
      const notes = await c2
        .collection('notes')
        .find({}, { projection: { _id: 0 } })
        .sort({ n: 1 })
        .toArray();
      expect(notes).toEqual([{ n: 1 }, { n: 2, text: 'kept' }]);
      await c2.close();
    } finally {
      await second.stop();
    }
  });

  it('refuses a second server on a data directory that is in use', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    try {
      await expect(start(dataDir)).rejects.toThrow(EmbeddedDatabaseStartError);
      await expect(start(dataDir)).rejects.toThrow(/in use by process/);
    } finally {
      await first.stop();
    }
    // Released on stop: the directory can be used again.
    const again = await start(dataDir);
    await again.stop();
  });

  it('dies with the Parley process that started it, even on SIGKILL', async () => {
    const dataDir = tempDataDir();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'holdDatabase.ts'), dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const firstLine = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: holder.stdout }).once('line', resolve);
      holder.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const { pid } = JSON.parse(firstLine) as { pid: number };
    expect(isRunning(pid)).toBe(true);

    holder.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (isRunning(pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(isRunning(pid)).toBe(false);
    // The orphaned lock is taken over by the next start.
    const next = await start(dataDir);
    await next.stop();
  });
});
