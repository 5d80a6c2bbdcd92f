import { describe, expect, it } from 'vitest';
import { runParley } from './runParley';

interface BenchJson {
  results: {
    alice: string;
    checkpoint: { version: string; training: string } | null;
    aliceReplies: Record<string, number>;
    acts: number;
    errors: Record<string, number>;
    checks: { ackedActs: number; passed: boolean };
  }[];
}

describe('parley bench server --alice neural', () => {
  it('trains a checkpoint into its private database and the live Alice replies are that policy', async () => {
    const run = await runParley([
      'bench',
      'server',
      '--alice',
      'neural',
      '--annotators',
      '3',
      '--duration',
      '3',
      '--ramp-up',
      '0',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [result] = (JSON.parse(run.stdout) as BenchJson).results;
    expect(result?.alice).toBe('neural');
    const version = result!.checkpoint?.version;
    expect(version).toBe('bootstrap-dealornodeal-s1-alice');
    expect(result!.checkpoint?.training).toMatch(/round bootstrap/);
    expect(result!.errors).toEqual({});
    expect(result!.acts).toBeGreaterThan(0);
    expect(result!.checks).toMatchObject({ ackedActs: result!.acts, passed: true });
    const byPolicy = result!.aliceReplies[`policy:${version}`] ?? 0;
    expect(byPolicy).toBeGreaterThan(0);
    // Only ASTRA standing in for the policy (while the model loads on a busy machine) may
    // answer besides it: a reply from anyone else would mean the task did not name the policy.
    for (const who of Object.keys(result!.aliceReplies)) {
      expect([`policy:${version}`, 'astra:astra (fallback)']).toContain(who);
    }
    // The first replies of each annotator may wait for the model to load; later ones may not.
    expect(result!.aliceReplies['astra:astra (fallback)'] ?? 0).toBeLessThanOrEqual(3);
  }, 300_000);

  it('refuses an unknown Alice', async () => {
    const run = await runParley(['bench', 'server', '--alice', 'oracle']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown Alice "oracle" \(astra, scripted or neural\)/);
  });
});
