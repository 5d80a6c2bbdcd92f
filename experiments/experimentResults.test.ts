import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../shared/metrics/runMetrics';
import { experimentConfigSchema, experimentPresets } from './experimentConfig';
import {
  summarise,
  summaryMarkdown,
  type EpochResult,
  type ExperimentResults,
} from './experimentResults';

function metrics(advantage: number, agreementRate: number): RunMetrics {
  return {
    dialogues: 10,
    agreed: agreementRate * 10,
    advantage,
    meanScore: 5 + advantage / 2,
    meanPartnerScore: 5 - advantage / 2,
    agreementRate,
    paretoOptimalRate: 0.5,
    maxJointRate: 0.2,
    equalScoreRate: 0.1,
    novelty: 0.4,
    meanLength: 6,
  };
}

function results(seeds: number[]): ExperimentResults {
  const config = experimentConfigSchema.parse({ ...experimentPresets.smoke, epochs: 1 });
  const runs: EpochResult[] = ['SL', 'TDA (second order)'].flatMap((method, m) =>
    seeds.flatMap((seed) =>
      [0, 1].map((epoch) => ({
        method,
        seed,
        epoch,
        alice: metrics(-1 + seed / 10, 0.5),
        // Bob improves only in TDA; his numbers differ from Alice's so the tables can be told apart.
        bob: metrics(m === 1 && epoch === 1 ? -0.25 : -0.75, 0.6),
        oracleShare: m === 1 && epoch === 1 ? 0.05 : 0,
        seconds: epoch === 0 ? 0 : 2,
      })),
    ),
  );
  return {
    format: 'parley-experiment/1',
    config,
    seeds,
    backend: 'cpu',
    runs,
    summary: summarise(runs),
  };
}

const tableRows = (text: string, method: string) =>
  text.split('\n').filter((line) => line.startsWith(`| ${method} |`));

describe('summary.md', () => {
  it("has Bob's table too, with Bob's final numbers for every method", () => {
    const summary = summaryMarkdown(results([1, 2, 3]));
    expect(summary).toContain('Bob against the expert after 1 epoch');
    const tda = tableRows(summary, 'TDA (second order)');
    expect(tda).toHaveLength(2);
    expect(tda[1]).toMatch(/^\| TDA \(second order\) \| -0\.25 ± 0\.00 \| /);
    expect(tableRows(summary, 'SL')[1]).toMatch(/^\| SL \| -0\.75 ± 0\.00 \| /);
    expect(summary).toContain('| Bob score |');
  });

  it('says "1 seed, no spread" with one seed instead of printing ± 0.00 in every cell', () => {
    const summary = summaryMarkdown(results([1]));
    expect(summary).toContain('1 seed, no spread');
    const cells = summary.split('\n').filter((line) => line.startsWith('| '));
    expect(cells.join('\n')).not.toContain('±');
    expect(tableRows(summary, 'SL')[0]).toMatch(/^\| SL \| -0\.90 \| 50\.0 \| /);
  });

  it('prints mean ± its 95 % confidence interval with several seeds', () => {
    const summary = summaryMarkdown(results([1, 2, 3]));
    expect(summary).toContain('3 seeds, mean ± half-width of its 95 % confidence interval');
    // Advantages −0.9, −0.8, −0.7: standard error 0.1/√3, times t(0.975, 2) = 4.303 → 0.25.
    expect(tableRows(summary, 'SL')[0]).toMatch(/^\| SL \| -0\.80 ± 0\.25 \| /);
  });
});
