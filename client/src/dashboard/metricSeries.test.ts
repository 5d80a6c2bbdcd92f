import { describe, expect, it } from 'vitest';
import type { RoundView } from '../../../shared/protocol/rounds';
import { commonName, groupBySeeds, metricSeries } from './metricSeries';
import { resultsFixture } from './testing/resultsFixture';

function round(
  name: string,
  seed: number,
  gain: number | null,
  extra: Partial<RoundView> = {},
): RoundView {
  const stage = { done: 0, total: 0 };
  return {
    id: `${name}-${seed}`,
    owner: 'u',
    name,
    seed,
    domain: 'dealornodeal',
    checkpoints: { alice: null, bob: null },
    selfPlayDialogues: 100,
    annotate: 10,
    noveltyMetric: 'minLogProb',
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    redundancy: 1,
    goldRate: 0,
    retrainingPolicy: 'reviewed-accepted',
    aliceLearning: 'rl',
    order: 'second',
    status: gain === null ? 'draft' : 'evaluated',
    pausedFrom: null,
    progress: { 'self-play': stage, ranking: stage, annotating: stage, retraining: stage },
    failure: null,
    activity: null,
    results: gain === null ? null : resultsFixture(gain),
    promotion: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe('metric series for the plots', () => {
  it('averages rounds that differ only by seed, with the standard deviation as error', () => {
    const rounds = [
      round('exp seed 1', 1, 0.5),
      round('exp seed 2', 2, 0.9),
      round('other', 1, 0.1, { annotate: 20 }),
    ];
    expect(groupBySeeds(rounds).map((g) => g.length)).toEqual([2, 1]);
    const series = metricSeries(rounds, 'advantage');
    expect(series.map((s) => s.label)).toEqual([
      'exp (2 seeds) — Alice',
      'exp (2 seeds) — Bob',
      'other — Alice',
      'other — Bob',
    ]);
    const bob = series[1]!;
    // Bob's advantage is 0.5 + gain: epoch 0 both 0.5; epoch 1 mean of 1.0 and 1.4.
    expect(bob.points[0]).toEqual({ x: 0, y: 0.5, err: 0 });
    expect(bob.points[1]?.y).toBeCloseTo(1.2);
    expect(bob.points[1]?.err).toBeCloseTo(Math.sqrt(((1.0 - 1.2) ** 2 + (1.4 - 1.2) ** 2) / 1));
    expect(series[3]!.points.every((p) => p.err === undefined)).toBe(true);
  });

  it('skips rounds without results and null metrics; oracle share is one series per experiment', () => {
    expect(metricSeries([round('draft', 1, null)], 'pareto')).toEqual([]);
    const oracle = metricSeries([round('a', 1, 0.5)], 'oracle');
    expect(oracle.map((s) => s.agent)).toEqual(['bob']);
    expect(oracle[0]!.points.map((p) => p.y)).toEqual([0, 0.35]);
  });

  it('names repetitions by their common start', () => {
    expect(commonName(['targeted seed 1', 'targeted seed 2'])).toBe('targeted');
    expect(commonName(['run-s1', 'run-s2'])).toBe('run');
    expect(commonName(['a', 'b'])).toBe('a');
  });
});
