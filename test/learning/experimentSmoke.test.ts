import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { runParley } from '../cli/runParley';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-smoke-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const methods = [
  'SL',
  'RL',
  'RL+SL (n=4)',
  'RL + Pareto',
  'TDA (second order)',
  'TDA (first order)',
];

describe('parley experiment --preset smoke', () => {
  it('runs every method and writes results, plots and a summary', async () => {
    const run = await runParley(['experiment', '--preset', 'smoke', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(
      fs.readFileSync(path.join(out, 'results.json'), 'utf8'),
    ) as ExperimentResults;
    expect(results.config.epochs).toBe(2);
    for (const method of methods) {
      const epochs = results.runs
        .filter((r) => r.method === method && r.seed === 1)
        .map((r) => r.epoch);
      expect(epochs, method).toEqual([0, 1, 2]);
      expect(results.summary[method]).toHaveLength(3);
    }
    // Something was learned and measured, not just written: agreements happen, TDA annotated.
    const final = results.runs.filter((r) => r.epoch === 2);
    expect(final.some((r) => (r.alice.agreementRate ?? 0) > 0.2)).toBe(true);
    expect(final.filter((r) => r.method.startsWith('TDA')).every((r) => r.oracleShare > 0)).toBe(
      true,
    );
    expect(final.filter((r) => !r.method.startsWith('TDA')).every((r) => r.oracleShare === 0)).toBe(
      true,
    );
    // The share of the oracle's acts in each epoch's own annotations: a fraction of them (the
    // self-play prefix is the rest) for TDA after every epoch, null before training and elsewhere.
    const trained = results.runs.filter((r) => r.method.startsWith('TDA') && r.epoch > 0);
    expect(trained).toHaveLength(4);
    expect(
      trained.map((r) => r.annotatedOracleShare).every((s) => s !== null && s! > 0 && s! < 1),
      JSON.stringify(trained.map((r) => r.annotatedOracleShare)),
    ).toBe(true);
    const untrained = results.runs.filter((r) => !trained.includes(r));
    expect(
      untrained.map((r) =>
        r.annotatedOracleShare === undefined ? 'absent' : r.annotatedOracleShare,
      ),
    ).toEqual(untrained.map(() => null));

    const alice = fs.readFileSync(path.join(out, 'alice.svg'), 'utf8');
    for (const method of methods) {
      expect(alice).toContain(`<title>${method}</title>`);
    }
    const checkpoints = fs.readdirSync(path.join(out, 'checkpoints', 'seed-1'));
    expect(checkpoints).toContain('expert.ckpt');
    expect(checkpoints).toContain('tda-second-order-bob.ckpt');
    expect(checkpoints).toHaveLength(1 + 2 * methods.length);
    const summary = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(
      summary
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('| ') && !line.startsWith('| Method') && !line.startsWith('| ---'),
        ),
    ).toHaveLength(2 * methods.length); // Alice's table, then Bob's
  }, 240_000);

  it('resumes: a second run over the same directory carries every evaluation over', async () => {
    const before = fs.readFileSync(path.join(out, 'results.json'), 'utf8');
    const run = await runParley(['experiment', '--preset', 'smoke', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/18 evaluations carried over/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'))).toEqual(
      JSON.parse(before),
    );
  }, 120_000);

  it('refuses to mix results of another configuration into the same directory', async () => {
    const config = path.join(out, 'other.json');
    fs.writeFileSync(config, JSON.stringify({ epochs: 1, methods: [{ kind: 'sl' }] }));
    const run = await runParley(['experiment', '--config', config, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/holds results of another configuration/);
  });

  it('explains an invalid configuration', async () => {
    const config = path.join(out, 'bad.json');
    fs.writeFileSync(config, JSON.stringify({ epochs: 0, methods: [{ kind: 'magic' }] }));
    const run = await runParley(['experiment', '--config', config, '--out', path.join(out, 'bad')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/invalid experiment configuration/);
    expect(run.stderr).toMatch(/epochs/);
  });
});
