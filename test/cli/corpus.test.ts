import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import { isLowQuality } from '../../shared/corpus/uniqueActs';
import { runParley } from './runParley';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-corpus-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const generate = (out: string, seed: string, extra: string[] = []) =>
  runParley([
    'corpus',
    'generate',
    '--dialogues',
    '300',
    '--seed',
    seed,
    '--out',
    path.join(dir, out),
    ...extra,
  ]);
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('parley corpus', () => {
  it('generates the same corpus for the same seed, valid record by record', async () => {
    const [a, b, c] = await Promise.all([
      generate('a.jsonl', '5'),
      generate('b.jsonl', '5'),
      generate('c.jsonl', '6'),
    ]);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(a.stderr).toMatch(/wrote 300 dealornodeal dialogues \(seed 5\)/);
    expect(read('a.jsonl')).toBe(read('b.jsonl'));
    expect(read('c.jsonl')).not.toBe(read('a.jsonl'));
    const lines = read('a.jsonl').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(lines.every((line) => parseRecordLine(line).ok)).toBe(true);
  });

  it('describes a corpus next to its D_L subset, and writes that subset', async () => {
    await generate('mixed.jsonl', '7', [
      '--domain',
      'casino',
      '--mix',
      'boulware:1,greedy:1,random:1',
    ]);
    const stats = await runParley(['corpus', 'stats', path.join(dir, 'mixed.jsonl'), '--json']);
    expect(stats.code).toBe(0);
    type Report = {
      lowQualityRule: string;
      all: { dialogues: number; lowQuality: number; sources: Record<string, number> };
      lowQuality: { dialogues: number; meanUniqueActRatio: number; meanActTypes: number };
      invalidLines: number;
    };
    const report = JSON.parse(stats.stdout) as Report;
    expect(report.lowQualityRule).toBe('act-types');
    expect(report.all.dialogues).toBe(300);
    expect(report.all.sources).toEqual({ synthetic: 300 });
    expect(report.invalidLines).toBe(0);
    expect(report.lowQuality.dialogues).toBe(report.all.lowQuality);
    expect(report.lowQuality.dialogues).toBeGreaterThan(0);
    // Every D_L dialogue uses at most 2 act types, so their mean does too.
    expect(report.lowQuality.meanActTypes).toBeLessThanOrEqual(2);

    const literal = await runParley([
      'corpus',
      'stats',
      path.join(dir, 'mixed.jsonl'),
      '--low-quality',
      'literal',
      '--json',
    ]);
    expect(literal.code).toBe(0);
    const literalReport = JSON.parse(literal.stdout) as Report;
    expect(literalReport.lowQualityRule).toBe('literal');
    expect(literalReport.lowQuality.dialogues).toBeGreaterThan(0);
    expect(literalReport.lowQuality.meanUniqueActRatio).toBeLessThan(0.5);

    const badRule = await runParley([
      'corpus',
      'stats',
      path.join(dir, 'mixed.jsonl'),
      '--low-quality',
      'vibes',
    ]);
    expect(badRule.code).not.toBe(0);
    expect(badRule.stderr).toMatch(/act-types, literal/);

    const filtered = await runParley([
      'corpus',
      'filter-low',
      path.join(dir, 'mixed.jsonl'),
      '--out',
      path.join(dir, 'low.jsonl'),
    ]);
    expect(filtered.code).toBe(0);
    const low = read('low.jsonl').trim().split('\n');
    expect(low).toHaveLength(report.lowQuality.dialogues);
    for (const line of low) {
      const parsed = parseRecordLine(line);
      expect(parsed.ok && isLowQuality(parsed.record)).toBe(true);
    }

    const table = await runParley(['corpus', 'stats', path.join(dir, 'mixed.jsonl')]);
    expect(table.stdout).toMatch(/dialogues\s+300\s+\d+/);
    expect(table.stdout).toMatch(/agreement\s+[\d.]+ %/);
  });

  it('reports invalid lines in a corpus instead of failing on them', async () => {
    const file = path.join(dir, 'broken.jsonl');
    fs.writeFileSync(file, `${read('a.jsonl').split('\n')[0]}\n{"id":"x"}\n`);
    const stats = await runParley(['corpus', 'stats', file, '--json']);
    const report = JSON.parse(stats.stdout) as {
      all: { dialogues: number };
      invalidLines: number;
      invalid: { line: number }[];
    };
    expect(report.all.dialogues).toBe(1);
    expect(report.invalidLines).toBe(1);
    expect(report.invalid[0]?.line).toBe(2);
  });

  it('says what is wrong with bad options, and exits non-zero', async () => {
    const mix = await generate('bad.jsonl', '1', ['--mix', 'boulware:2,alice:1']);
    expect(mix.code).not.toBe(0);
    expect(mix.stderr).toMatch(/unknown negotiator "alice"/);
    const domain = await generate('bad.jsonl', '1', ['--domain', 'chess']);
    expect(domain.stderr).toMatch(/Unknown domain "chess"/);
    const missing = await runParley(['corpus', 'stats', path.join(dir, 'nope.jsonl')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/ENOENT/);
  });
});
