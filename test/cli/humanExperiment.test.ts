import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { runParley } from './runParley';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-human-experiment-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Side = 'YOU' | 'THEM';
const other = (s: Side): Side => (s === 'YOU' ? 'THEM' : 'YOU');

/**
 * One dialogue in DealOrNoDeal's original format, both sides (two lines): `turns` are written
 * from the first speaker's side; `outcome` is what the first speaker and the partner took, or
 * null for no deal.
 */
function dialogueLines(
  counts: number[],
  values: [number[], number[]],
  turns: string[],
  outcome: [number[], number[]] | null,
): string[] {
  const input = (v: number[]) => counts.flatMap((c, i) => [c, v[i]]).join(' ');
  const side = (me: 0 | 1) => {
    let speaker: Side = me === 0 ? 'YOU' : 'THEM';
    const said = turns.map((t) => {
      const line = `${speaker}: ${t} <eos>`;
      speaker = other(speaker);
      return line;
    });
    const output =
      outcome === null
        ? Array(6).fill('<disagree>').join(' ')
        : [outcome[me], outcome[1 - me]!]
            .flatMap((take) => take.map((n, i) => `item${i}=${n}`))
            .join(' ');
    return `<input> ${input(values[me])} </input> <dialogue> ${said.join(' ')} ${speaker}: <selection> </dialogue> <output> ${output} </output> <partner_input> ${input(values[1 - me]!)} </partner_input>`;
  };
  return [side(0), side(1)];
}

/** `n` short human-like dialogues: agreements at once, a haggle, and some without a deal. */
function humanFile(name: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0, made = 0; made < n; i++) {
    // 1–4 of each item, 5–7 in all, as in the original tasks.
    const counts = [1 + (i % 2), 3 + ((i >> 1) % 2), 1];
    // Each side's items are worth 10 in all, as in the original tasks; no two dialogues alike.
    const [book, hat] = [1 + (i % 3), i % 5 === 0 ? 0 : 1];
    const theirs = i % 4;
    const values: [number[], number[]] = [
      [book, hat, 10 - book * counts[0]! - hat * counts[1]!],
      [theirs, 1, 10 - theirs * counts[0]! - counts[1]!],
    ];
    // As the original tasks: every item worth something to someone, some item to both.
    const valid =
      counts.every((_, j) => values[0][j]! + values[1][j]! > 0) &&
      counts.some((_, j) => values[0][j]! > 0 && values[1][j]! > 0);
    if (!valid) {
      continue;
    }
    made++;
    const all = [...counts];
    switch (made % 4) {
      case 0:
      case 1:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            ['i would like the book and you can have the rest .', 'deal'],
            [
              [all[0]!, 0, 0],
              [0, all[1]!, 1],
            ],
          ),
        );
        break;
      case 2:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            [
              'i want the ball',
              'no , i need the ball',
              'ok you take the ball and i get the rest',
              'deal',
            ],
            [
              [all[0]!, all[1]!, 0],
              [0, 0, 1],
            ],
          ),
        );
        break;
      default:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            ['i need everything', 'no way', 'what would you like ?', 'no deal'],
            null,
          ),
        );
    }
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const tiny = {
  epochs: 1,
  tasksPerEpoch: 16,
  annotatePerEpoch: 4,
  evaluationContexts: 8,
  training: { expertEpochs: 2, initEpochs: 1 },
};

describe('parley experiment --preset human-smoke --data <DealOrNoDeal lines>', () => {
  it('keeps every human dialogue, reports D_H beside D_L, and runs every method', async () => {
    const data = humanFile('human.txt', 60);
    const config = path.join(dir, 'tiny.json');
    fs.writeFileSync(config, JSON.stringify(tiny));
    const out = path.join(dir, 'run');
    const run = await runParley([
      'experiment',
      '--preset',
      'human-smoke',
      '--config',
      config,
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('D_H 60 dialogues, D_L 45 (act-types), every record used');
    const results = JSON.parse(
      fs.readFileSync(path.join(out, 'results.json'), 'utf8'),
    ) as ExperimentResults;
    const seed = results.data?.['1'];
    // D_L (act-types): the 30 quick deals and the 15 haggles say only propose and agree; the 15
    // dialogues without a deal use propose, disagree and unknown ("what would you like ?").
    expect(seed).toMatchObject({ used: 60, leftOut: {}, lowQuality: 'act-types' });
    expect(seed?.high).toMatchObject({ dialogues: 60, agreementRate: 0.75 });
    expect(seed?.low).toMatchObject({ dialogues: 45, agreementRate: 1 });
    expect(seed?.high?.actDistribution.unknown).toBeGreaterThan(0);
    expect(seed?.expertSelfPlay?.dialogues).toBe(8);
    expect(Object.keys(results.summary).sort()).toEqual(
      ['RL', 'RL + Pareto', 'RL+SL (n=4)', 'SL', 'TDA (first order)', 'TDA (second order)'].sort(),
    );
  }, 300_000);

  it('stops with the numbers when the file is too small, and writes no results', async () => {
    const data = humanFile('small.txt', 8);
    const out = path.join(dir, 'small');
    const run = await runParley([
      'experiment',
      '--preset',
      'human-smoke',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('D_H has 8 dialogues; an experiment needs at least 20');
    expect(fs.existsSync(path.join(out, 'results.json'))).toBe(false);
  }, 120_000);

  it('asks for the data when a human preset is given without it', async () => {
    const run = await runParley(['experiment', '--preset', 'human-smoke', '--out', dir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('give --data dealornodeal:train');
    expect(run.stderr).toContain('npx parley data fetch dealornodeal');
    expect(run.stderr).toContain('--data FILE');
  });
});
