import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CountsPanel } from '../dashboard/CountsPanel';
import { ParetoScatter } from './ParetoScatter';

afterEach(cleanup);

const frontier = [
  { alice: 10, bob: 0 },
  { alice: 6, bob: 6 },
  { alice: 0, bob: 9 },
];

describe('the Pareto scatter', () => {
  it('plots the frontier, the offers by speaker, and marks the deal', () => {
    render(
      <ParetoScatter
        frontier={frontier}
        offers={[
          { alice: 8, bob: 2, speaker: 'alice' },
          { alice: 3, bob: 5, speaker: 'bob' },
        ]}
        deal={{ alice: 6, bob: 6 }}
      />,
    );
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Pareto frontier (3 points), deal at Alice 6, Bob 6',
    );
    expect(svg.querySelectorAll('circle.frontier-point')).toHaveLength(3);
    const offers = screen.getAllByTestId('offer-point');
    expect(offers.map((o) => o.getAttribute('class'))).toEqual(['offer alice', 'offer bob']);
    expect(screen.getByTestId('deal-point').textContent).toBe('Deal: Alice 6, Bob 6');
  });

  it('says there was no deal and draws no deal marker', () => {
    render(<ParetoScatter frontier={frontier} offers={[]} deal={null} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/no deal$/);
    expect(screen.queryByTestId('deal-point')).toBeNull();
  });
});

describe('the round counts panel', () => {
  it('shows every count under its label', () => {
    render(
      <CountsPanel
        counts={{
          tasks: { queued: 3, leased: 1, done: 7, closed: 0, gold: 2 },
          annotations: { active: 1, pending: 2, accepted: 5, softRejected: 0, rejected: 1 },
          oracleAnnotations: { simulatedExpert: 4, astra: 0 },
        }}
      />,
    );
    expect(screen.getByTestId('count-Tasks queued').textContent).toBe('3');
    expect(screen.getByTestId('count-Tasks done').textContent).toBe('7');
    expect(screen.getByTestId('count-Pending review').textContent).toBe('2');
    expect(screen.getByTestId('count-Simulated expert').textContent).toBe('4');
    expect(screen.getByTestId('count-ASTRA').closest('div')?.className).toBe('zero');
  });
});
