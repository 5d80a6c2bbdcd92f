import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Onboarding } from './Onboarding';

afterEach(cleanup);

describe('onboarding', () => {
  it('prepares a CaSiNo worker: the camping game, its priorities, walking away and the takeover', () => {
    render(<Onboarding onDone={vi.fn()} canSkip={false} />);
    const game = screen.getByRole('heading', { name: 'How the negotiation works' }).parentElement;
    expect(game?.textContent).toContain('camping supplies');
    expect(game?.textContent).toContain('each of you still gets 5 points');
    expect(game?.textContent).toContain('Bob (before you)');

    fireEvent.click(screen.getByRole('button', { name: 'Next: what you can say' }));
    const camping = screen.getByRole('table', { name: 'Camping-supplies moves' });
    const rows = within(camping)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      expect.stringContaining('askPreference') as string,
      expect.stringContaining('“Water packages are my high priority.”') as string,
      expect.stringContaining('each of you gets 5 points') as string,
    ]);
    expect(rows[0]).toContain('“What matters most to you?”');
  });
});
