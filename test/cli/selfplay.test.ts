import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePolicyFile } from '../../learning/checkpointFile';
import { createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import { initTensorflow } from '../../learning/tensorflowBackend';
import type { SelfplayReport } from '../../cli/selfplay/selfplayReport';
import { writeHumanDialogues } from '../support/humanDialogues';
import { runParley } from './runParley';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-selfplay-'));
const checkpoint = path.join(dir, 'expert.ckpt');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const { tf } = await initTensorflow();
  // An untrained policy: the command's plumbing does not depend on what the policy learned.
  savePolicyFile(checkpoint, createPolicy(tf, defaultPolicyConfig('dealornodeal', 4)), {
    createdAt: 'test',
    role: 'expert',
  });
});

describe('parley selfplay CHECKPOINT --data FILE', () => {
  it('plays the policy on every context of the file, beside the people in it', async () => {
    const data = writeHumanDialogues(path.join(dir, 'people.txt'), 40);
    const run = await runParley([
      'selfplay',
      checkpoint,
      '--data',
      data,
      '--json',
      '--temperature',
      '0.7',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as SelfplayReport;
    expect(report.temperature).toBe(0.7);
    expect(report.people.dialogues).toBe(40);
    // The test dialogues: 3 in 4 end in a deal (test/support/humanDialogues.ts).
    expect(report.people.agreementRate).toBe(0.75);
    expect(report.policy.dialogues).toBe(40);
    const table = await runParley(['selfplay', checkpoint, '--data', data]);
    expect(table.stdout).toMatch(
      /on the 40 contexts of .*people\.txt \(temperature 0\.5, seed 1\)/,
    );
    expect(table.stdout).toMatch(/agreement\s+75\.0 %/);
  }, 120_000);

  it('refuses a missing checkpoint, a bad temperature and an unknown split with a sentence', async () => {
    const missing = await runParley(['selfplay', path.join(dir, 'none.ckpt'), '--data', 'x.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no checkpoint .*none\.ckpt/);
    const hot = await runParley(['selfplay', checkpoint, '--data', 'x.txt', '--temperature', '0']);
    expect(hot.code).not.toBe(0);
    expect(hot.stderr).toMatch(/expected a number > 0, got "0"/);
    const split = await runParley(['selfplay', checkpoint, '--data', 'dealornodeal:dev']);
    expect(split.code).toBe(1);
    expect(split.stderr).toMatch(/unknown DealOrNoDeal split "dev"/);
  }, 120_000);
});
