import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import { OutcomePanel } from './OutcomePanel';
import { ValuesCard } from './ValuesCard';

afterEach(cleanup);

describe('score displays', () => {
  it('show the counts and only my values, with my total and the no-deal score', () => {
    render(<ValuesCard domain={dealOrNoDeal} counts={[1, 2, 3]} utilities={[4, 0, 2]} />);
    expect(screen.getByTestId('item-book').textContent).toContain('1 book');
    expect(screen.getByTestId('item-book').textContent).toContain('worth 4 each to you');
    expect(screen.getByTestId('item-ball').textContent).toContain('3 balls');
    expect(screen.getByRole('region', { name: 'Items and your values' }).textContent).toContain(
      'Everything is worth 10 points to you',
    );
  });

  it('show a deal with my share, both scores and whether it was efficient', () => {
    render(
      <OutcomePanel
        domain={dealOrNoDeal}
        counts={[1, 2, 3]}
        outcome={{
          agreed: true,
          walkedAway: false,
          myShare: [1, 0, 3],
          myScore: 10,
          partnerScore: 6,
          paretoOptimal: true,
        }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Deal!');
    expect(screen.getByTestId('outcome').textContent).toContain(
      'You get the book and all 3 balls.',
    );
    expect(screen.getByTestId('my-score').textContent).toBe('10');
    expect(screen.getByTestId('outcome').textContent).toContain('Efficient deal');
  });

  it('show no deal without a share or an efficiency verdict', () => {
    render(
      <OutcomePanel
        domain={dealOrNoDeal}
        counts={[1, 2, 3]}
        outcome={{
          agreed: false,
          walkedAway: false,
          myShare: null,
          myScore: 0,
          partnerScore: 0,
          paretoOptimal: null,
        }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('No deal');
    expect(screen.getByTestId('outcome').textContent).not.toContain('Efficient');
  });
});
