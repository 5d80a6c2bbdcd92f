import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDatabase } from './startDatabase';
import { EmbeddedDatabaseUnavailableError } from './types';

const log = { info: () => {}, warn: () => {} };
let dataDir: string;
let savedPath: string | undefined;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-nodb-'));
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('startDatabase', () => {
  it('uses MONGODB_URI as it is and starts nothing', async () => {
    const handle = await startDatabase({
      mongodbUri: 'mongodb://db.example:27017/',
      dataDir,
      cacheDir: dataDir,
      log,
    });
    expect(handle).toMatchObject({
      kind: 'external',
      uri: 'mongodb://db.example:27017/',
      pid: null,
    });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('explains every way out when neither mongod nor Java and Maven are installed', async () => {
    process.env.PATH = '';
    const attempt = startDatabase({
      dataDir,
      cacheDir: path.join(dataDir, 'cache'),
      log,
    });
    await expect(attempt).rejects.toThrow(EmbeddedDatabaseUnavailableError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toMatch(/java, javac, mvn not on PATH/);
    expect(message).toMatch(/MONGODB_URI/);
    expect(message).toMatch(/mongod/);
    expect(message).toMatch(/apt-get install openjdk-17-jdk-headless maven/);
    // Nothing half-made is left behind, and the data directory is not left locked.
    expect(fs.existsSync(path.join(dataDir, 'parley.lock'))).toBe(false);
  });

  it('says so when mongod is required but missing', async () => {
    process.env.PATH = '';
    await expect(
      startDatabase({ dataDir, cacheDir: dataDir, log, prefer: 'mongod' }),
    ).rejects.toThrow(/mongod is not on PATH/);
  });
});
