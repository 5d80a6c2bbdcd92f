import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import type { NegotiationModel } from './negotiation';
import { Transcript } from './Transcript';

afterEach(cleanup);

// A task cut after three self-play turns (Alice, Bob, Alice); the worker has answered once.
const model: NegotiationModel = {
  domain: dealOrNoDeal,
  counts: [1, 2, 3],
  utilities: [4, 0, 2],
  history: [
    { speaker: 'alice', act: { type: 'propose', allocation: [1, 2, 0] } },
    { speaker: 'bob', act: { type: 'propose', allocation: [1, 0, 3] } },
    { speaker: 'alice', act: { type: 'insist', allocation: [1, 2, 0] } },
    { speaker: 'bob', act: { type: 'disagree' } },
  ],
  takeoverAt: 3,
  phase: 'negotiating',
  nextSpeaker: 'alice',
  maxTurns: 20,
  partnerLabel: 'test',
};

/** The transcript's rows in document order: who said each turn, and "MARKER" for the marker. */
function rows(): string[] {
  const items = document.querySelectorAll<HTMLElement>(
    '[data-testid="turn"], [data-testid="takeover-marker"]',
  );
  return [...items].map((li) =>
    li.dataset.testid === 'takeover-marker'
      ? 'MARKER'
      : (li.querySelector('.who')?.textContent ?? ''),
  );
}

describe('the transcript of a task', () => {
  it('marks where the worker takes over, and calls the self-play Bob "Bob (before you)"', () => {
    render(<Transcript model={model} aliceTyping={false} />);
    expect(rows()).toEqual(['Alice', 'Bob (before you)', 'Alice', 'MARKER', 'You']);
    expect(screen.getByTestId('takeover-marker').textContent).toBe("You take over Bob's seat here");
  });

  it('puts the marker at the end while the worker has not moved yet', () => {
    render(
      <Transcript model={{ ...model, history: model.history.slice(0, 3) }} aliceTyping={false} />,
    );
    expect(rows()).toEqual(['Alice', 'Bob (before you)', 'Alice', 'MARKER']);
  });

  it('has no marker when the worker played Bob from the start (practice)', () => {
    render(<Transcript model={{ ...model, takeoverAt: 0 }} aliceTyping={false} />);
    expect(rows()).toEqual(['Alice', 'You', 'Alice', 'You']);
    expect(screen.queryByTestId('takeover-marker')).toBeNull();
  });
});
