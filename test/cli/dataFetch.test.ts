import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealOrNoDealLines } from '../support/dealOrNoDealLines';
import { closedPort, startFileServer } from '../support/fileServer';
import { runParley } from './runParley';

// A mirror on loopback serving a few hand-written lines as each split. They are not the pinned
// files, so the command refuses them unless told to keep them.
const body = `${dealOrNoDealLines.join('\n')}\n`;
let mirror: Awaited<ReturnType<typeof startFileServer>>;
let base: string;
let dir: string;
const env = () => ({ PARLEY_DATASETS_DIR: path.join(dir, 'datasets') });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-data-fetch-'));
  mirror = await startFileServer(
    Object.fromEntries(['train', 'val', 'test'].map((split) => [`/${split}.txt`, body])),
  );
  base = mirror.base;
});
afterAll(async () => {
  await mirror.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('parley data fetch dealornodeal', () => {
  it('refuses files that are not the pinned ones, naming the ids, and writes nothing', async () => {
    const run = await runParley(['data', 'fetch', 'dealornodeal', '--url', base], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /train\.txt from http:\/\/127\.0\.0\.1:\d+\/train\.txt is not the pinned file: its git blob id is [0-9a-f]{40}, expected 89ecc60b/,
    );
    expect(fs.existsSync(path.join(dir, 'datasets', 'dealornodeal', 'train.txt'))).toBe(false);
  });

  it('keeps them with --allow-modified, and dealornodeal:train then names the file', async () => {
    const run = await runParley(
      ['data', 'fetch', 'dealornodeal', '--url', base, '--allow-modified', '--json'],
      { env: env() },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      files: { split: string; lines: number; verified: boolean }[];
    };
    expect(report.files.map((f) => [f.split, f.lines, f.verified])).toEqual([
      ['train', 4, false],
      ['val', 4, false],
      ['test', 4, false],
    ]);
    const imported = await runParley(['import', 'dealornodeal', 'dealornodeal:train', '--json'], {
      env: env(),
    });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ lines: 4, dialogues: 2 });
  });

  it('says what failed when the server cannot be reached, and how to go on', async () => {
    const port = await closedPort();
    const run = await runParley(
      ['data', 'fetch', 'dealornodeal', '--url', `http://127.0.0.1:${port}/x`, '--splits', 'val'],
      { env: { PARLEY_DATASETS_DIR: path.join(dir, 'elsewhere') } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /could not download val\.txt from http:\/\/127\.0\.0\.1:\d+\/x\/val\.txt: ECONNREFUSED/,
    );
    expect(run.stderr).toMatch(/--from DIR/);
  });

  it('names a split that is not fetched yet, and refuses an unknown one', async () => {
    const missing = await runParley(['import', 'dealornodeal', 'dealornodeal:val'], {
      env: { PARLEY_DATASETS_DIR: path.join(dir, 'empty') },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /dealornodeal:val is not in .* yet; get it with: npx parley data fetch dealornodeal/,
    );
    const unknown = await runParley(['data', 'fetch', 'dealornodeal', '--splits', 'dev'], {
      env: env(),
    });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/train, val, test/);
  });
});
