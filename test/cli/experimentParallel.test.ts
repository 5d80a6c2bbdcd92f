import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointFiles,
  readResults,
  splitInvariant,
  tinyExperiment,
} from '../support/tinyExperiment';
import { runParley, type ParleyRun } from './runParley';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-experiment-parallel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { args: experiment } = tinyExperiment(dir);
const read = readResults;
const outcome = splitInvariant;

const firstMethodDone = /seed (\d) (?!preparation)[^\n]* finished on process /;

/**
 * Runs the command and SIGKILLs one of its unit processes as soon as the first method finishes
 * (the pids are in the "ready" lines): event-driven, on the command's own progress lines.
 */
function runKillingAChild(args: string[]): Promise<ParleyRun & { killed: number | null }> {
  const bin = path.resolve(import.meta.dirname, '../../bin/parley.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const pid = /process 2 \(pid (\d+)\) ready/.exec(stderr)?.[1];
      if (killed === null && pid !== undefined && firstMethodDone.test(stderr)) {
        killed = Number(pid);
        process.kill(killed, 'SIGKILL');
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, killed }));
  });
}

describe('parley experiment --parallel N', () => {
  // The reference every split run is compared with (read only).
  const sequential = path.join(dir, 'sequential');
  beforeAll(async () => {
    const one = await runParley(experiment(sequential));
    expect(one.code, one.stderr).toBe(0);
  }, 120_000);

  it('gives the results of the sequential run, units spread over two processes', async () => {
    const parallel = path.join(dir, 'parallel');
    const two = await runParley(experiment(parallel, '--parallel', '2'));
    expect(two.code, two.stderr).toBe(0);
    expect(outcome(read(parallel))).toEqual(outcome(read(sequential)));
    // The backend recorded is the one the unit processes ran on (this process loads none).
    expect(read(parallel).backend).toBe(read(sequential).backend);
    expect(two.stderr).not.toMatch(/TensorFlow\.js backend:/);
    // Each (seed, method) and each seed's preparation is reported as it finishes, by process.
    expect(two.stderr).toMatch(/seed 1 preparation finished on process [12] in/);
    expect(two.stderr).toMatch(/seed 2 TDA \(second order\) finished on process [12] in/);
    expect(two.stderr).toMatch(/process 1 \(pid \d+\) ready/);
    expect(two.stderr).toMatch(/process 2 \(pid \d+\) ready/);
    expect(two.stderr).toMatch(/8 of 8 units/);
    // The same checkpoints as the sequential run, and the initial policy the units shared.
    expect(checkpointFiles(parallel, 2)).toEqual(
      [...checkpointFiles(sequential, 2), 'initial.ckpt'].sort(),
    );
    expect(fs.readFileSync(path.join(parallel, 'summary.md'), 'utf8')).toContain('2 seeds');
  }, 180_000);

  it('fails when a unit process dies, keeps what finished, and the same command resumes', async () => {
    const out = path.join(dir, 'killed');
    const broken = await runKillingAChild(experiment(out, '--parallel', '2'));
    expect(broken.killed).not.toBeNull();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      new RegExp(`experiment process 2 \\(pid ${broken.killed}\\) failed .*(SIGKILL|units left)`),
    );
    expect(broken.stderr).toMatch(/units finished and are kept; run the same command again/);
    const kept = read(out).runs.length;
    expect(kept).toBeGreaterThan(0);
    const seed = firstMethodDone.exec(broken.stderr)?.[1];

    const resumed = await runParley(experiment(out, '--parallel', '2'));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${kept} evaluations carried over`);
    // That seed's expert and initial policy were kept too: its preparation is not redone.
    expect(resumed.stderr).not.toContain(`seed ${seed} preparation finished`);
    expect(outcome(read(out))).toEqual(outcome(read(sequential)));
  }, 180_000);

  it('refuses a number of processes that is not a whole number from 1 to 64', async () => {
    for (const bad of ['0', '1.5', '65']) {
      const run = await runParley(experiment(path.join(dir, 'bad'), '--parallel', bad));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `--parallel must be a whole number of processes from 1 to 64, not ${bad}`,
      );
    }
    const both = await runParley(
      experiment(path.join(dir, 'bad'), '--parallel', '2', '--distributed'),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--parallel 2 and --distributed do not go together');
  });
});
