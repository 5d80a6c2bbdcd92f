import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { savePolicyFile } from '../../learning/checkpointFile';
import { createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import { initTensorflow } from '../../learning/tensorflowBackend';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parley(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/parley.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley reproduce astra', () => {
  it('writes report.md, results.json and the figures, with progress on stderr', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-reproduce-'));
    const run = parley(['reproduce', 'astra', '--quick', '--dialogues', '4', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[1\/84\] casino with vs base: 4 dialogues/);
    expect(run.stderr).toMatch(/reproduce astra: done in/);
    const report = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/## Table 1 analogue — CaSiNo/);
    expect(report).toMatch(/## Table 3 analogue — DealOrNoDeal/);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      dialogueFields: string[];
      run: { dialoguesPerCell: number };
      table1: { agent: string; stats: { agentAll: number } | null; dialogues: number[][] }[];
      table3: unknown[];
    };
    expect(results.run.dialoguesPerCell).toBe(4);
    expect(results.table1).toHaveLength(18);
    expect(results.dialogueFields).toEqual(['agent', 'partner', 'agreed', 'walkedAway']);
    // The stored dialogues (tuples) give the table's mean over all cases.
    const first = results.table1[0];
    expect(first?.dialogues).toHaveLength(4);
    const total = (first?.dialogues ?? []).reduce((s, d) => s + (d[0] ?? 0), 0);
    expect(first?.stats?.agentAll).toBeCloseTo(total / 4, 10);
    expect(results.table3).toHaveLength(12);
    expect(fs.readFileSync(path.join(out, 'table1-casino.svg'), 'utf8')).toMatch(/^<svg /);
    // Resume files are gone after a finished run; no temporary files are left behind.
    expect(fs.readdirSync(out).sort()).toEqual([
      'report.md',
      'results.json',
      'table1-casino.svg',
      'table1-dealornodeal.svg',
      'table3-casino.svg',
      'table3-dealornodeal.svg',
    ]);
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);

  it('refuses bad arguments with a sentence and a non-zero exit', () => {
    const zero = parley(['reproduce', 'astra', '--dialogues', '0']);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--dialogues.*expected a whole number ≥ 1/);
    const domain = parley(['reproduce', 'astra', '--domain', 'chess']);
    expect(domain.code).toBe(2);
    expect(domain.stderr).toMatch(/--domain must be one of dealornodeal, casino; got "chess"\./);
    const missing = parley(['reproduce', 'astra', '--rl-policy', '/nonexistent/rl-alice.ckpt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--rl-policy: no file \/nonexistent\/rl-alice\.ckpt/);
  });

  it('refuses two RL policies for one domain, and one for a domain the run leaves out', async () => {
    const { tf } = await initTensorflow();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-rl-policies-'));
    const files = [1, 2].map((seed) => {
      const file = path.join(dir, `dnd-${seed}.ckpt`);
      savePolicyFile(file, createPolicy(tf, defaultPolicyConfig('dealornodeal', seed)), {
        createdAt: 'test',
      });
      return file;
    });
    const twice = parley(['reproduce', 'astra', '--dialogues', '2', '--rl-policy', ...files]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(
      /dnd-1\.ckpt and .*dnd-2\.ckpt both play dealornodeal; give one per domain/,
    );
    const elsewhere = parley([
      'reproduce',
      'astra',
      '--domain',
      'casino',
      '--rl-policy',
      files[0]!,
    ]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/plays dealornodeal, and this run covers casino/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
