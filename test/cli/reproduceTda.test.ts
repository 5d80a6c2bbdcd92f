import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { runParley } from './runParley';
import { writeHumanDialogues } from '../support/humanDialogues';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-reproduce-tda-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Sizes a test can afford, laid over every study (the method lists stay the reproduction's).
const tiny = {
  epochs: 2,
  tasksPerEpoch: 16,
  annotatePerEpoch: 4,
  evaluationContexts: 8,
  training: { expertEpochs: 2, initEpochs: 1 },
};

describe('parley reproduce tda', () => {
  it('runs a study through parley experiment and writes the report, figures and verdicts', async () => {
    const data = writeHumanDialogues(path.join(dir, 'human.txt'), 60);
    const config = path.join(dir, 'tiny.json');
    fs.writeFileSync(config, JSON.stringify(tiny));
    const out = path.join(dir, 'run');
    const args = ['reproduce', 'tda', '--quick', '--study', 'main', '--seeds', '2'];
    const run = await runParley([
      ...args,
      '--parallel',
      '2',
      '--config',
      config,
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // The study's units ran on two processes (parley experiment --parallel, passed through).
    expect(run.stderr).toContain('[main] running the units on 2 processes');
    expect(run.stderr).toContain('[main] Every method from SL on D_L (§6, §7.3, §7.4): 2 seed(s)');
    expect(run.stderr).toMatch(/\[main\] seed 2 TDA \(first order\) finished on process/);
    expect(run.stderr).toMatch(/reproduce tda: done in/);

    // The study is an ordinary experiment: its results are where the report says.
    const main = JSON.parse(
      fs.readFileSync(path.join(out, 'studies', 'main', 'results.json'), 'utf8'),
    ) as ExperimentResults;
    expect(main.config).toMatchObject({ epochs: 2, tasksPerEpoch: 16, annotatePerEpoch: 4 });
    expect(main.seeds).toEqual([1, 2]);
    expect(Object.keys(main.summary)).toHaveLength(7);
    expect(main.data?.['1']?.used).toBe(60);

    const report = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    for (const heading of [
      '## Fig. 2 — Alice against the expert, every method',
      '## Fig. 3 — Bob against the expert',
      '## Alternative metrics (§6)',
      '## §7.3 (Fig. 7) — reward engineering',
      '## §7.4 (Fig. 8) — first vs second order',
    ]) {
      expect(report).toContain(heading);
    }
    // The studies left out are said to be, and their claims cannot be judged.
    expect(report).toContain('## §7.1 (Fig. 5) — learning from scratch\n\nNot run.');
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      verdicts: { claim: { id: string }; verdict: string }[];
      studies: Record<string, unknown>;
    };
    expect(Object.keys(results.studies)).toEqual(['main']);
    const verdictOf = (id: string) => results.verdicts.find((v) => v.claim.id === id)?.verdict;
    expect(verdictOf('scratch-longer')).toBe('not comparable');
    expect(['holds', 'does not hold']).toContain(verdictOf('sl-passive'));
    // The report's SL row is the study's own summary, formatted.
    const slAdvantage = main.summary.SL?.at(-1)?.alice.advantage;
    expect(slAdvantage).toBeDefined();
    expect(report).toContain(
      `| SL | ${slAdvantage!.mean.toFixed(2)} ± ${slAdvantage!.ci95!.toFixed(2)} |`,
    );
    expect(fs.readdirSync(out).sort()).toEqual([
      'fig2-alice.svg',
      'fig3-bob.svg',
      'fig7-reward.svg',
      'fig8-order.svg',
      'report.md',
      'results.json',
      'studies',
    ]);

    // --report-only redraws from what is there, running nothing.
    fs.rmSync(path.join(out, 'report.md'));
    const redraw = await runParley([...args, '--report-only', '--out', out]);
    expect(redraw.code, redraw.stderr).toBe(0);
    expect(redraw.stderr).not.toContain('[main] seed');
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('## Every claim');
  }, 600_000);

  it('says which study failed, keeps its results and shows its last lines', async () => {
    const data = writeHumanDialogues(path.join(dir, 'small.txt'), 8);
    const run = await runParley([
      'reproduce',
      'tda',
      '--quick',
      '--study',
      'scratch',
      '--data',
      data,
      '--out',
      path.join(dir, 'failing'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'the scratch study (From random weights (§7.1)) stopped with exit code 1',
    );
    expect(run.stderr).toContain('D_H has 8 dialogues; an experiment needs at least 20');
  }, 120_000);

  it('refuses unknown studies, missing data and an empty --report-only with a sentence', async () => {
    const study = await runParley(['reproduce', 'tda', '--study', 'main,nope']);
    expect(study.code).toBe(2);
    expect(study.stderr).toContain(
      '--study names "nope" are not studies; choose from main, scratch, rl-sl.',
    );
    const missing = await runParley(['reproduce', 'tda', '--out', path.join(dir, 'none')], {
      env: { PARLEY_DATASETS_DIR: path.join(dir, 'no-datasets') },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('get it with: npx parley data fetch dealornodeal');
    const empty = await runParley([
      'reproduce',
      'tda',
      '--report-only',
      '--out',
      path.join(dir, 'empty'),
    ]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no study has results in');
  });
});
