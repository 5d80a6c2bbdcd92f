import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateRoundForm } from './CreateRoundForm';

afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

/** The messages shown beside a field (its label holds the input and its alerts). */
function messagesOf(label: string): string[] {
  const input = screen.getByLabelText(label, { exact: false });
  const holder = input.closest('label') as HTMLElement;
  return within(holder)
    .queryAllByRole('alert')
    .map((a) => a.textContent ?? '');
}

describe('the create-round form', () => {
  it('says what is wrong in plain words and in the unit each field shows', () => {
    render(<CreateRoundForm />);
    fill('Name', 'r');
    fill('Human crowd', '150');
    fill('Simulated expert', '-25');
    fill('Gold task rate', '120');
    fill('Self-play dialogues', '2.5');
    fill('Annotations per task', '0');
    fill('Seed', '');
    fireEvent.submit(screen.getByRole('form', { name: 'New round' }));

    expect(messagesOf('Human crowd')).toEqual(['Must be at most 100 %.']);
    expect(messagesOf('Simulated expert')).toEqual(['Must be at least 0 %.']);
    expect(messagesOf('Gold task rate')).toEqual(['Must be at most 100 %.']);
    expect(messagesOf('Self-play dialogues')).toEqual(['Must be a whole number.']);
    expect(messagesOf('Annotations per task')).toEqual(['Must be at least 1.']);
    expect(messagesOf('Seed')).toEqual(['Enter a number.']);
    const all = screen.getAllByRole('alert').map((a) => a.textContent ?? '');
    expect(all).toContain('the oracle mix proportions must add up to 100 %');
    // No schema jargon reaches the researcher.
    for (const message of all) {
      expect(message).not.toMatch(/expected|received|<=|>=|Too (big|small)/);
    }
  });

  it('scales limits from the shared schema: whole numbers with their bounds', () => {
    render(<CreateRoundForm />);
    fill('Name', 'r');
    fill('Self-play dialogues', '200000');
    fill('Dialogues to annotate', '1.5');
    fireEvent.submit(screen.getByRole('form', { name: 'New round' }));
    expect(messagesOf('Self-play dialogues')).toEqual(['Must be at most 100,000.']);
    expect(messagesOf('Dialogues to annotate')).toEqual(['Must be a whole number.']);
  });
});

describe('the create-round form’s shares', () => {
  it('calls the oracle mix and the gold rate targets of a random draw', () => {
    render(<CreateRoundForm />);
    const mix = screen.getByRole('group', { name: /Oracle mix/ });
    expect(mix.textContent).toMatch(/Target shares: .*drawn at random/);
    expect(
      screen.getByLabelText('Gold task rate', { exact: false }).closest('label')?.textContent,
    ).toMatch(/a target: each human task is drawn gold/);
  });
});
