import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import { runParley } from './runParley';
import { dealOrNoDealLines as lines } from '../support/dealOrNoDealLines';

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-import-'));
  file = path.join(dir, 'small.txt');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('parley import dealornodeal', () => {
  it('prints a JSON report with every count, and the malformed line with its number', async () => {
    const run = await runParley(['import', 'dealornodeal', file, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      lines: 4,
      dialogues: 2,
      turns: 4,
      parsedTurns: 4,
      questionTurns: 0,
      greetingTurns: 0,
      unknownTurns: 0,
      repairedOffers: 0,
      deals: 1,
      noDeals: 1,
      unpairedLines: 1,
      rejectedLines: 1,
      rejections: [{ line: 4, reason: expect.stringMatching(/^not <input>/) as string }],
    });
  });

  it('writes the dialogue records with --out, and nothing without it', async () => {
    const out = path.join(dir, 'small.jsonl');
    const run = await runParley(['import', 'dealornodeal', file, '--out', out]);
    expect(run.stdout).toMatch(/4 lines → 2 dialogues/);
    expect(run.stdout).toMatch(/parsed 4 \(100.0 %; 0 questions and 0 greetings among them\)/);
    expect(run.stdout).toMatch(/line 4: not <input>/);
    const records = fs.readFileSync(out, 'utf8').trim().split('\n').map(parseRecordLine);
    expect(records.map((r) => r.ok && r.record.provenance)).toEqual([
      { format: 'dealornodeal', file: 'small.txt', lines: [1, 3], output: 'items' },
      { format: 'dealornodeal', file: 'small.txt', lines: [2], output: 'no_agreement' },
    ]);
    expect(records[0]?.ok && records[0].record.outcome).toMatchObject({
      agreed: true,
      scores: [6, 8],
    });
    const dry = await runParley(['import', 'dealornodeal', file]);
    expect(dry.stdout).toMatch(/no --out: records not written/);
  });
});
