import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicFile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates the folder, replaces the whole file, and leaves no temporary file behind', () => {
    const file = path.join(dir, 'nested', 'results.json');
    writeFileAtomic(file, '{"a":1}');
    writeFileAtomic(file, '{"b":22}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"b":22}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['results.json']);
  });

  it('writes bytes as they are (checkpoints)', () => {
    const file = path.join(dir, 'policy.ckpt');
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    writeFileAtomic(file, bytes);
    expect(new Uint8Array(fs.readFileSync(file))).toEqual(bytes);
  });

  it('removes its temporary file when the rename fails, and leaves what was there', () => {
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'kept');
    // A folder where the file should go: the rename fails.
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
