import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoundResults, RoundView } from '../../../shared/protocol/rounds';
import { MetricCharts } from './MetricCharts';
import { resultsFixture } from './testing/resultsFixture';
import { roundViewFixture } from './testing/roundViewFixture';

afterEach(cleanup);

/** The tick labels of a chart's axes: x ticks are the integers (epochs), y ticks the rest. */
function ticksOf(title: string): { x: string[]; y: string[] } {
  const chart = screen.getByRole('img', { name: title });
  const ticks = [...chart.querySelectorAll('text.tick')].map((t) => ({
    text: t.textContent ?? '',
    anchor: t.getAttribute('text-anchor'),
  }));
  return {
    x: ticks.filter((t) => t.anchor === 'middle').map((t) => t.text),
    y: ticks.filter((t) => t.anchor === 'end').map((t) => t.text),
  };
}

function withResults(change: (r: RoundResults) => void, extra: Partial<RoundView> = {}) {
  const results = resultsFixture(0.5);
  change(results);
  return roundViewFixture({ results, ...extra });
}

describe('the metric charts', () => {
  it('draws a metric missing at some epoch on the same epoch axis as the others', () => {
    // Alice and Bob made no deal at epoch 0: no Pareto rate there, one point at epoch 1.
    const round = withResults((r) => {
      const first = r.evaluations[0] as RoundResults['evaluations'][number];
      first.alice.paretoOptimalRate = null;
      first.bob.paretoOptimalRate = null;
    });
    render(<MetricCharts rounds={[round]} />);
    expect(ticksOf('Pareto-optimal deals').x).toEqual(['0', '1']);
    expect(ticksOf('Pareto-optimal deals').x).toEqual(ticksOf('Advantage (own − partner score)').x);
  });

  it('keeps percent axes within 0–100 %, even when error bars reach past them', () => {
    // Two seeds with shares near 0 and far apart: mean ± sd reaches below 0 %.
    const rounds = [1, 2].map((seed) =>
      withResults(
        (r) => {
          for (const e of r.evaluations) {
            e.alice.agreementRate = seed === 1 ? 0 : 0.004;
            e.bob.agreementRate = seed === 1 ? 0.99 : 1;
          }
        },
        { id: `r${seed}`, name: `s seed ${seed}`, seed },
      ),
    );
    render(<MetricCharts rounds={rounds} />);
    const y = ticksOf('Agreement rate').y.map((t) => Number(t.replace('%', '')));
    expect(y.length).toBeGreaterThan(1);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...y)).toBeLessThanOrEqual(100);
  });

  it('plots rounds of different domains on separate axes, and says why', () => {
    const rounds = [
      roundViewFixture({ id: 'd1', name: 'deal round' }),
      roundViewFixture({ id: 'c1', name: 'camp round', domain: 'casino' }),
    ];
    render(<MetricCharts rounds={rounds} />);
    expect(screen.getByTestId('domains-note').textContent).toMatch(/not comparable/);
    const deal = screen.getByRole('region', { name: 'DealOrNoDeal rounds' });
    const camp = screen.getByRole('region', { name: 'CaSiNo rounds' });
    for (const [region, mine, other] of [
      [deal, 'deal round', 'camp round'],
      [camp, 'camp round', 'deal round'],
    ] as const) {
      const advantage = within(region).getAllByTestId('chart')[0] as HTMLElement;
      expect(advantage.textContent).toContain(mine);
      expect(advantage.textContent).not.toContain(other);
    }
  });
});
