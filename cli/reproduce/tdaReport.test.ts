import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../../shared/metrics/runMetrics';
import { experimentConfigSchema, experimentPresets } from '../../experiments/experimentConfig';
import {
  summarise,
  type EpochResult,
  type ExperimentResults,
} from '../../experiments/experimentResults';
import { judgeClaims, methods, tdaClaims } from './tdaClaims';
import { tdaFigures } from './tdaFigures';
import { measureOf } from './tdaMeasures';
import { buildTdaReport, renderTdaMarkdown } from './tdaReport';
import { quickSweep, tdaStudies } from './tdaStudies';

/** Metrics with the fields the claims read set explicitly; the rest fixed. */
function metrics(fields: Partial<RunMetrics>): RunMetrics {
  return {
    dialogues: 100,
    agreed: 80,
    advantage: 0,
    meanScore: 5,
    meanPartnerScore: 5,
    agreementRate: 0.8,
    paretoOptimalRate: 0.5,
    maxJointRate: 0.1,
    equalScoreRate: 0.1,
    novelty: 0.3,
    meanLength: 6,
    ...fields,
  };
}

type Shape = (seed: number, epoch: number) => Partial<RunMetrics>;

/** A study's results: each method's Alice after epoch e and seed s given by its shape. */
function study(
  shapes: Record<string, Shape>,
  seeds: readonly number[],
  options: { bob?: Record<string, Shape>; share?: (epoch: number) => number | null } = {},
): ExperimentResults {
  const config = experimentConfigSchema.parse({ ...experimentPresets.smoke, epochs: 2 });
  const runs: EpochResult[] = Object.entries(shapes).flatMap(([method, shape]) =>
    seeds.flatMap((seed) =>
      [0, 1, 2].map((epoch) => ({
        method,
        seed,
        epoch,
        alice: metrics(shape(seed, epoch)),
        bob: metrics(options.bob?.[method]?.(seed, epoch) ?? {}),
        oracleShare: 0,
        annotatedOracleShare:
          method.startsWith('TDA') && epoch > 0 ? (options.share?.(epoch) ?? null) : null,
        seconds: 0,
      })),
    ),
  );
  return {
    format: 'parley-experiment/1',
    config,
    seeds: [...seeds],
    backend: 'cpu',
    runs,
    summary: summarise(runs),
  };
}

// Small per-seed wobble, so that differences have a spread and intervals are finite.
const wobble = (seed: number) => [0, 0.01, -0.01, 0.02][seed] ?? 0;

describe('measures', () => {
  it('counts the alternative metrics over all negotiations: the rate among deals × deals / all', () => {
    const run = study({ SL: () => ({ maxJointRate: 0.25, agreementRate: 0.8 }) }, [1]).runs[0]!;
    expect(measureOf(run, 'alice', 'maxJointOfAll')).toBeCloseTo(0.2, 12);
    const noDeals = study({ SL: () => ({ maxJointRate: null, agreementRate: 0 }) }, [1]).runs[0]!;
    expect(measureOf(noDeals, 'alice', 'maxJointOfAll')).toBe(0);
  });
});

describe('judging the claims', () => {
  const seeds = [1, 2, 3];
  // SL: passive (low advantage, high Pareto); RL: higher advantage, lower Pareto, every seed.
  const main = study(
    {
      [methods.sl]: (s) => ({ advantage: -0.5 + wobble(s), paretoOptimalRate: 0.6 + wobble(s) }),
      [methods.rl]: (s, e) => ({
        advantage: e === 2 ? 0.5 + wobble(s) : -0.5,
        paretoOptimalRate: e === 2 ? 0.4 - wobble(s) : 0.6,
      }),
      // RL+SL goes the same way as RL, beyond the noise: "the opposite of RL" does not hold.
      [methods.rlSl]: (s, e) => ({
        advantage: e === 2 ? 0.8 + wobble(s) : -0.5,
        paretoOptimalRate: e === 2 ? 0.3 : 0.6,
        agreementRate: e === 2 ? 0.6 + wobble(s) : 0.8,
      }),
      // TDA's Pareto rate differs from RL's only by noise of both signs.
      [methods.tda2]: (s) => ({ paretoOptimalRate: 0.4 + [0, 0.05, -0.05, 0.02][s]! }),
    },
    seeds,
    {
      bob: { [methods.tda2]: (s, e) => ({ paretoOptimalRate: 0.5 + e * 0.05 + wobble(s) }) },
      share: (epoch) => (epoch === 1 ? 0.6 : 0.4),
    },
  );
  const verdicts = judgeClaims(tdaClaims(quickSweep), { main });
  const byId = (id: string) => {
    const verdict = verdicts.find((v) => v.claim.id === id);
    expect(verdict, id).toBeDefined();
    return verdict!;
  };

  it('a claim holds when every per-seed difference is on its side beyond the 95 % interval', () => {
    const passive = byId('sl-passive');
    expect(passive.verdict).toBe('holds');
    // SL − RL advantage per seed: exactly −1 each seed (the wobble cancels).
    expect(passive.comparisons[0]!.difference?.mean).toBeCloseTo(-1, 12);
    expect(passive.comparisons[0]!.difference?.ci95).toBeCloseTo(0, 12);
    // SL − RL Pareto per seed: 0.2 + 2·wobble → 0.22, 0.18, 0.24; mean 0.2133…
    expect(passive.comparisons[1]!.difference?.mean).toBeCloseTo((0.22 + 0.18 + 0.24) / 3, 12);
    expect(byId('tda-second-bob').verdict).toBe('holds');
    expect(byId('tda-second-oracle-share').verdict).toBe('holds');
  });

  it('does not hold when a comparison goes the other way, and says which', () => {
    const opposite = byId('rl-sl-opposite');
    expect(opposite.verdict).toBe('does not hold');
    expect(opposite.comparisons.map((c) => c.outcome)).toEqual([
      'contradicted',
      'contradicted',
      'contradicted',
    ]);
    expect(opposite.why).toMatch(/^3 of 3 comparisons go the other way/);
  });

  it('does not hold, as "not shown", when a difference is within the noise', () => {
    const balance = byId('tda-second-balance');
    const pareto = balance.comparisons.find((c) => c.measure === 'paretoOptimalRate')!;
    expect(pareto.outcome).toBe('within noise');
    expect(balance.verdict).toBe('does not hold');
    expect(balance.why).toMatch(/^not shown: /);
  });

  it('is not comparable without the methods or studies it needs, or with one seed', () => {
    // Neither RL + Pareto variant nor the sweep ran.
    expect(byId('reward-engineering-pareto').verdict).toBe('not comparable');
    expect(byId('scratch-longer').verdict).toBe('not comparable');
    expect(byId('scratch-longer').why).toMatch(/^2 of 2 comparisons have no results/);
    const single = judgeClaims(tdaClaims(quickSweep), {
      main: study({ [methods.sl]: () => ({}), [methods.rl]: () => ({ advantage: 1 }) }, [1]),
    }).find((v) => v.claim.id === 'sl-passive')!;
    expect(single.verdict).toBe('not comparable');
    expect(single.why).toMatch(/^one seed/);
  });
});

describe('the report', () => {
  const main = study(
    Object.fromEntries(
      Object.values(methods).map((m, i) => [m, (s: number) => ({ advantage: i / 10 + wobble(s) })]),
    ),
    [1, 2],
    { share: () => 0.5 },
  );
  const rlSl = study(
    Object.fromEntries(
      quickSweep.map((n) => [`RL+SL (n=${n})`, () => ({ advantage: Math.log2(n) / 10 })]),
    ),
    [1, 2],
  );
  const plan = tdaStudies('quick');
  const studies = { main, 'rl-sl': rlSl };
  const report = buildTdaReport({
    mode: 'quick',
    data: 'dealornodeal:train',
    sweep: quickSweep,
    plan,
    studies,
  });
  const figures = tdaFigures(studies, quickSweep);
  const markdown = renderTdaMarkdown(
    report,
    studies,
    Object.keys(figures),
    'parley reproduce tda --quick',
  );

  it('draws the figures of the studies that ran, and leaves out the others', () => {
    expect(Object.keys(figures).sort()).toEqual([
      'fig2-alice.svg',
      'fig3-bob.svg',
      'fig6-rl-sl.svg',
      'fig7-reward.svg',
      'fig8-order.svg',
    ]);
    // The sweep's x axis is labelled by n, not log₂ n.
    for (const n of quickSweep) {
      expect(figures['fig6-rl-sl.svg']).toContain(`>${n}</text>`);
    }
    expect(markdown).toContain('## §7.1 (Fig. 5) — learning from scratch\n\nNot run.');
    expect(markdown).not.toContain('fig5-scratch.svg');
  });

  it('sets the published numbers beside Parley’s, with their source', () => {
    // Alternative metrics: SL 7 / 8 % published; Parley's SL 0.1 × 0.8 = 8.0 % of all → +1.0 / +0.0.
    expect(markdown).toContain('| SL | 8.0 ± 0.0 | 7 | +1.0 | 8.0 ± 0.0 | 8 | +0.0 |');
    expect(markdown).toContain('as quoted in issue 20');
    // The header names the columns in the rows' order.
    expect(markdown).toContain('| study | what | start | seeds | epochs | N | k |');
    expect(markdown).toContain('| scratch | From random weights (§7.1) |  | 3 | not run |');
    // Every claim is listed once in the closing table.
    const closing = markdown.slice(markdown.indexOf('## Every claim'));
    expect(closing.split('\n').filter((l) => l.startsWith('| ') && l.includes('**'))).toHaveLength(
      report.verdicts.length,
    );
  });
});
