import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { runParley } from './runParley';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-experiment-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Only what a researcher changes: tiny sizes, two methods (runs in seconds). */
const overrides = {
  data: { dialogues: 60 },
  epochs: 1,
  tasksPerEpoch: 16,
  annotatePerEpoch: 4,
  evaluationContexts: 8,
  methods: [{ kind: 'sl' }, { kind: 'tda', order: 'second' }],
  training: { expertEpochs: 1, initEpochs: 1 },
};

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('parley experiment --preset NAME --config FILE', () => {
  it('lays a partial configuration over the preset, prints it, and writes both tables', async () => {
    const config = writeJson('overrides.json', overrides);
    const out = path.join(dir, 'layered');
    const run = await runParley([
      'experiment',
      '--preset',
      'medium',
      '--config',
      config,
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`effective configuration (preset medium, ${config} over it)`);
    const results = JSON.parse(
      fs.readFileSync(path.join(out, 'results.json'), 'utf8'),
    ) as ExperimentResults;
    // From the file …
    expect(results.config).toMatchObject({
      epochs: 1,
      tasksPerEpoch: 16,
      methods: overrides.methods,
    });
    expect(results.config.training.expertEpochs).toBe(1);
    // … and from the preset where the file is silent.
    expect(results.config.data).toMatchObject({ source: 'synthetic', dialogues: 60 });
    expect(results.config.training.bobEpochs).toBe(1);
    expect(run.stderr).toContain('"tasksPerEpoch": 16');
    const summary = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('Bob against the expert after 1 epoch');
    expect(summary).toContain('1 seed, no spread');
    expect(summary).not.toContain('± 0.00');
  });

  it('accepts a partial configuration alone (defaults for the rest, all methods when left out)', async () => {
    const config = writeJson('partial.json', { epochs: 1 });
    // --seeds 0 stops it right after the configuration is read and checked.
    const run = await runParley(['experiment', '--config', config, '--seeds', '0', '--out', dir]);
    expect(run.stderr).not.toMatch(/invalid experiment configuration/);
    expect(run.stderr).toMatch(/"kind": "tda"/);
    expect(run.stderr).toMatch(/--seeds must be a whole number ≥ 1, not 0/);
    expect(run.code).toBe(1);
  });

  it('names the bad field of an override and where the fields are documented', async () => {
    const config = writeJson('bad.json', { training: { gamma: 2 } });
    const run = await runParley([
      'experiment',
      '--preset',
      'smoke',
      '--config',
      config,
      '--out',
      dir,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /invalid experiment configuration \(preset smoke, .*bad\.json over it\)/,
    );
    expect(run.stderr).toMatch(/training\.gamma/);
    expect(run.stderr).toContain('npx parley experiment --schema');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('asks for --out when it is missing, and prints the fields with --schema', async () => {
    const missing = await runParley(['experiment', '--preset', 'smoke']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/give --out DIR/);
    const schema = await runParley(['experiment', '--schema']);
    expect(schema.code).toBe(0);
    expect(schema.stdout).toContain('| `tasksPerEpoch` | integer ≥ 1 | `4086` |');
  });
});
