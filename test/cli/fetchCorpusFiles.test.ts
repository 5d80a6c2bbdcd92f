import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startFileServer } from '../support/fileServer';
import { CorpusFetchError, fetchCorpusFiles, manifestName } from '../../cli/data/fetchCorpusFiles';
import { gitBlobId } from '../../cli/data/gitBlobId';

// Two small files written for this test, served over loopback HTTP as a mirror would.
const served: Record<string, string> = {
  '/train.txt': 'first line\nsecond line\nthird line\n',
  '/val.txt': 'one line\n',
};
const files = [
  { split: 'train', file: 'train.txt', gitBlob: gitBlobId(Buffer.from(served['/train.txt']!)) },
  { split: 'val', file: 'val.txt', gitBlob: gitBlobId(Buffer.from(served['/val.txt']!)) },
];
let mirror: Awaited<ReturnType<typeof startFileServer>>;
let base: string;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-fetch-'));
  dirs.push(dir);
  return dir;
};
const now = () => new Date('2026-01-02T03:04:05Z');

beforeAll(async () => {
  mirror = await startFileServer(served);
  base = mirror.base;
});
afterAll(async () => {
  await mirror.close();
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('fetchCorpusFiles', () => {
  it('downloads each file, checks it, reports progress, and records it in a manifest', async () => {
    const destination = path.join(tempDir(), 'corpus');
    const progress: [string, number, number | null][] = [];
    const fetched = await fetchCorpusFiles({
      files,
      origin: { kind: 'url', base: `${base}/` },
      destination,
      onProgress: (file, received, total) => progress.push([file, received, total]),
      about: { licence: 'test licence' },
      now,
    });
    expect(fetched.map((f) => [f.split, f.lines, f.verified, f.alreadyPresent])).toEqual([
      ['train', 3, true, false],
      ['val', 1, true, false],
    ]);
    expect(fs.readFileSync(path.join(destination, 'train.txt'), 'utf8')).toBe(served['/train.txt']);
    expect(progress.at(-1)).toEqual(['val.txt', 9, 9]);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(destination, manifestName), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      licence: 'test licence',
      files: {
        train: { gitBlob: files[0]!.gitBlob, verified: true, fetchedAt: now().toISOString() },
        val: { lines: 1, origin: `${base}/val.txt` },
      },
    });
    expect(fs.readdirSync(destination).sort()).toEqual([manifestName, 'train.txt', 'val.txt']);

    // A second run finds both in place and downloads nothing.
    const before = mirror.requests.length;
    const again = await fetchCorpusFiles({
      files,
      origin: { kind: 'url', base },
      destination,
      now,
    });
    expect(again.every((f) => f.alreadyPresent && f.verified)).toBe(true);
    expect(mirror.requests.length).toBe(before);
  });

  it('refuses a file that is not the pinned one, and writes nothing for it', async () => {
    const destination = path.join(tempDir(), 'corpus');
    const wrong = [{ ...files[0]!, gitBlob: '0'.repeat(40) }];
    const attempt = fetchCorpusFiles({ files: wrong, origin: { kind: 'url', base }, destination });
    await expect(attempt).rejects.toThrow(CorpusFetchError);
    await expect(
      fetchCorpusFiles({ files: wrong, origin: { kind: 'url', base }, destination }),
    ).rejects.toThrow(
      new RegExp(`git blob id is ${files[0]!.gitBlob}, expected 0{40} \\(34 bytes, 3 lines\\)`),
    );
    expect(fs.readdirSync(destination)).toEqual([]);

    // Kept on request, and marked as not verified.
    const kept = await fetchCorpusFiles({
      files: wrong,
      origin: { kind: 'url', base },
      destination,
      allowModified: true,
    });
    expect(kept[0]).toMatchObject({ verified: false, lines: 3 });
  });

  it('says which file failed and how to go on when the server answers 404 or is not there', async () => {
    const destination = path.join(tempDir(), 'corpus');
    const missing = [{ split: 'test', file: 'test.txt', gitBlob: '0'.repeat(40) }];
    await expect(
      fetchCorpusFiles({
        files: [...files, ...missing],
        origin: { kind: 'url', base },
        destination,
      }),
    ).rejects.toThrow(/could not download test\.txt from .*: HTTP 404.*--from DIR/);
    // The files before the failure are kept: a rerun only needs what is missing.
    expect(fs.existsSync(path.join(destination, 'val.txt'))).toBe(true);

    const port = await closedPort();
    await expect(
      fetchCorpusFiles({
        files,
        origin: { kind: 'url', base: `http://127.0.0.1:${port}` },
        destination: path.join(tempDir(), 'corpus'),
      }),
    ).rejects.toThrow(/could not download train\.txt .*ECONNREFUSED.*--from DIR/);
  });

  it('takes the files from a folder with --from, under either name', async () => {
    const from = tempDir();
    fs.writeFileSync(path.join(from, 'train.txt'), served['/train.txt']!);
    fs.writeFileSync(path.join(from, 'dealornodeal-val.txt'), served['/val.txt']!);
    const fetched = await fetchCorpusFiles({
      files,
      origin: { kind: 'dir', dir: from },
      destination: path.join(tempDir(), 'corpus'),
    });
    expect(fetched.map((f) => [path.basename(f.origin), f.verified])).toEqual([
      ['train.txt', true],
      ['dealornodeal-val.txt', true],
    ]);
    await expect(
      fetchCorpusFiles({
        files: [{ split: 'test', file: 'test.txt', gitBlob: '0'.repeat(40) }],
        origin: { kind: 'dir', dir: from },
        destination: path.join(tempDir(), 'corpus'),
      }),
    ).rejects.toThrow(/no test\.txt in/);
  });
});
