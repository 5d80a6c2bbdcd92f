import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { runParley } from './runParley';
import { writeHumanDialogues } from '../support/humanDialogues';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-human-experiment-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tiny = {
  epochs: 1,
  tasksPerEpoch: 16,
  annotatePerEpoch: 4,
  evaluationContexts: 8,
  training: { expertEpochs: 2, initEpochs: 1 },
};

describe('parley experiment --preset human-smoke --data <DealOrNoDeal lines>', () => {
  it('keeps every human dialogue, reports D_H beside D_L, and runs every method', async () => {
    const data = writeHumanDialogues(path.join(dir, 'human.txt'), 60);
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
    // dialogues without a deal use propose, disagree and inquire ("what would you like ?").
    expect(seed).toMatchObject({ used: 60, leftOut: {}, lowQuality: 'act-types' });
    expect(seed?.high).toMatchObject({ dialogues: 60, agreementRate: 0.75 });
    expect(seed?.low).toMatchObject({ dialogues: 45, agreementRate: 1 });
    expect(seed?.high?.actDistribution.inquire).toBeGreaterThan(0);
    expect(seed?.expertSelfPlay?.dialogues).toBe(8);
    expect(Object.keys(results.summary).sort()).toEqual(
      ['RL', 'RL + Pareto', 'RL+SL (n=4)', 'SL', 'TDA (first order)', 'TDA (second order)'].sort(),
    );
  }, 300_000);

  it('stops with the numbers when the file is too small, and writes no results', async () => {
    const data = writeHumanDialogues(path.join(dir, 'small.txt'), 8);
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
