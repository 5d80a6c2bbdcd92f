import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Act } from '../../../shared/dialogue/acts';
import { casino } from '../../../shared/domain/casino';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import { ActComposer } from './ActComposer';
import type { NegotiationModel } from './negotiation';

afterEach(cleanup);

// 1 book (worth 4 to me), 2 hats (0), 3 balls (2): everything is worth 10.
const base: NegotiationModel = {
  domain: dealOrNoDeal,
  counts: [1, 2, 3],
  utilities: [4, 0, 2],
  history: [],
  takeoverAt: 0,
  phase: 'negotiating',
  nextSpeaker: 'bob',
  maxTurns: 20,
  partnerLabel: 'test',
};

function Harness(props: { model: NegotiationModel; onAct: (act: Act) => Promise<void> }) {
  const [draft, setDraft] = useState([1, 2, 3]);
  return (
    <ActComposer
      model={props.model}
      draft={draft}
      onDraftChange={setDraft}
      onAct={props.onAct}
      disabled={false}
    />
  );
}

const score = () => screen.getByTestId('composer-score').textContent;

describe('the act composer', () => {
  it('keeps each amount within 0…count and shows both shares and my score', () => {
    render(<Harness model={base} onAct={vi.fn()} />);
    expect(score()).toBe('10');
    const moreBooks = screen.getByRole('button', { name: 'one book more for you' });
    expect(moreBooks).toHaveProperty('disabled', true); // already the only book
    fireEvent.click(screen.getByRole('button', { name: 'one book less for you' }));
    expect(score()).toBe('6');
    expect(screen.getByTestId('partner-share-book').textContent).toBe('1');
    expect(screen.getByRole('button', { name: 'one book less for you' })).toHaveProperty(
      'disabled',
      true,
    );
    // Typing beyond the count is clamped.
    fireEvent.change(screen.getByLabelText('balls for you'), { target: { value: '9' } });
    expect(screen.getByLabelText('balls for you')).toHaveProperty('value', '3');
    fireEvent.change(screen.getByLabelText('balls for you'), { target: { value: '1' } });
    expect(score()).toBe('2');
    expect(screen.getByTestId('partner-share-ball').textContent).toBe('2');
    expect(screen.getByTestId('offer-preview').textContent).toContain(
      "I'd like both hats and a ball; you take the book and 2 balls.",
    );
  });

  it('sends the drafted offer, and allows agree/disagree only to a pending offer of Alice', async () => {
    const onAct = vi.fn(() => Promise.resolve());
    const { rerender } = render(<Harness model={base} onAct={onAct} />);
    const agree = () => screen.getByRole('button', { name: /Agree to Alice/ });
    expect(agree()).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'one hat less for you' }));
    fireEvent.click(screen.getByRole('button', { name: 'Propose this split' }));
    expect(onAct).toHaveBeenCalledWith({ type: 'propose', allocation: [1, 1, 3] });

    rerender(
      <Harness
        model={{
          ...base,
          history: [{ speaker: 'alice', act: { type: 'propose', allocation: [0, 2, 1] } }],
        }}
        onAct={onAct}
      />,
    );
    expect(screen.getByTestId('pending-offer').textContent).toContain('worth 8 points');
    await waitFor(() => expect(agree()).toHaveProperty('disabled', false));
    fireEvent.click(agree());
    expect(onAct).toHaveBeenLastCalledWith({ type: 'agree' });
  });

  it('insists on my own latest offer after Alice counters, whatever the steppers show', () => {
    const model: NegotiationModel = {
      ...base,
      history: [
        { speaker: 'bob', act: { type: 'propose', allocation: [1, 0, 3] } },
        { speaker: 'alice', act: { type: 'propose', allocation: [0, 2, 1] } },
      ],
    };
    const onAct = vi.fn(() => Promise.resolve());
    render(<Harness model={model} onAct={onAct} />);
    // The steppers show another split (the workspace starts them from Alice's counter-offer).
    expect(screen.getByLabelText('hats for you')).toHaveProperty('value', '2');
    expect(screen.getByTestId('last-offer').textContent).toBe(
      "Your last offer: “I'd like the book and all 3 balls; you take both hats.” — worth 10 points to you.",
    );
    const insist = screen.getByRole('button', { name: 'Insist on my last offer' });
    expect(insist).toHaveProperty('disabled', false);
    fireEvent.click(insist);
    expect(onAct).toHaveBeenCalledWith({ type: 'insist', allocation: [1, 0, 3] });
  });

  it('has nothing to insist on before my first offer', () => {
    render(<Harness model={base} onAct={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Insist on my last offer' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.queryByTestId('last-offer')).toBeNull();
  });
});

// CaSiNo: food (5 to me), water (3), firewood (4); three of each.
const camping: NegotiationModel = {
  ...base,
  domain: casino,
  counts: [3, 3, 3],
  utilities: [5, 3, 4],
};

describe('the act composer in CaSiNo', () => {
  it('walks away only after the worker confirms, saying what it costs', () => {
    const onAct = vi.fn(() => Promise.resolve());
    render(<Harness model={camping} onAct={onAct} />);
    fireEvent.click(screen.getByRole('button', { name: 'Walk away' }));
    expect(onAct).not.toHaveBeenCalled();
    const ask = screen.getByRole('group', { name: 'Walk away' });
    expect(ask.textContent).toContain('no deal: you get 5 points');
    fireEvent.click(screen.getByRole('button', { name: 'Keep negotiating' }));
    expect(onAct).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Walk away' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, walk away' }));
    expect(onAct).toHaveBeenCalledWith({ type: 'walkaway' });
  });

  it('asks Alice what matters to her and states my priorities, true by default', async () => {
    const onAct = vi.fn(() => Promise.resolve());
    render(<Harness model={camping} onAct={onAct} />);
    const talk = screen.getByRole('group', { name: 'Priorities' });
    fireEvent.click(within(talk).getByRole('button', { name: 'Ask what matters most to Alice' }));
    expect(onAct).toHaveBeenLastCalledWith({ type: 'askPreference' });
    expect(screen.getByTestId('preference-preview').textContent).toBe(
      'You would say: “Food packages are my high priority.”',
    );
    fireEvent.change(within(talk).getByLabelText('Item'), { target: { value: '2' } });
    expect(within(talk).getByLabelText('Priority')).toHaveProperty('value', 'medium');
    const tell = within(talk).getByRole('button', { name: 'Tell Alice' });
    // Moves are off while the ask is being sent.
    await waitFor(() => expect(tell).toHaveProperty('disabled', false));
    fireEvent.click(tell);
    expect(onAct).toHaveBeenLastCalledWith({
      type: 'statePreference',
      item: 2,
      priority: 'medium',
    });
  });

  it('offers no walk-away or priorities in DealOrNoDeal', () => {
    render(<Harness model={base} onAct={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Walk away' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Priorities' })).toBeNull();
  });
});
