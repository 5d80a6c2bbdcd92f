import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import type { Policy } from '../../learning/policyNetwork';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { buildAstraReport } from './astraReport';
import { playRlBaseline } from './astraRlBaseline';
import { personas } from './astraRun';

let policy: Policy;
beforeAll(async () => {
  const { tf } = await initTensorflow();
  // An untrained policy (weights from seed 3) stands in for a trained one: the plumbing is the same.
  policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 3));
});

describe('the RL baseline of the ASTRA report', () => {
  it('plays the policy against every persona on every seed, the same way twice', async () => {
    const options = { policy, source: 'test.ckpt', dialogues: 5, seed: 'rl-test', seeds: 2 };
    const first = await playRlBaseline(options);
    expect(first.domain).toBe('dealornodeal');
    expect(Object.keys(first.byPersona)).toEqual(personas.map((p) => p.name));
    for (const results of Object.values(first.byPersona)) {
      expect(results).toHaveLength(10);
      for (const r of results) {
        expect(r.agreed || (r.agent === 0 && r.partner === 0)).toBe(true);
      }
    }
    expect(await playRlBaseline(options)).toEqual(first);
  });

  it('fills the RL rows and judges the claim in its domain only', async () => {
    const rlBaseline = await playRlBaseline({
      policy,
      source: 'test.ckpt',
      dialogues: 6,
      seed: 'rl-test',
      seeds: 1,
    });
    const report = buildAstraReport({
      domains: ['casino', 'dealornodeal'],
      dialogues: 6,
      seed: 'rl-test',
      table3: false,
      readings: false,
      rlBaselines: [rlBaseline],
    });
    const rows = report.table1.filter((r) => r.agent === 'rl');
    expect(rows.map((r) => `${r.domain}/${r.stats === null ? 'not run' : r.stats.n}`)).toEqual([
      'casino/not run',
      'casino/not run',
      'casino/not run',
      'dealornodeal/6',
      'dealornodeal/6',
      'dealornodeal/6',
    ]);
    for (const row of rows.filter((r) => r.domain === 'dealornodeal')) {
      const agreed = row.dialogues.filter((d) => d.agreed);
      expect(row.stats?.agreements).toBe(agreed.length);
      expect(row.stats?.agentAll).toBeCloseTo(
        row.dialogues.reduce((s, d) => s + d.agent, 0) / row.dialogues.length,
        10,
      );
    }
    const claims = report.verdicts.filter((v) => v.claim.includes('RL baseline'));
    expect(claims.map((v) => [v.claim.split(':')[0], v.parley === 'not run'])).toEqual([
      ['casino', true],
      ['dealornodeal', false],
    ]);
    expect(report.run.rlPolicies).toEqual([{ domain: 'dealornodeal', source: 'test.ckpt' }]);
  });
});
