import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import type { NoveltyEntry, RoundView } from '../../../shared/protocol/rounds';
import { NoveltyView } from './NoveltyView';
import { noveltyActSentence, oracleLabel } from './noveltyText';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const entry: NoveltyEntry = {
  dialogueId: 'd1',
  rank: 1,
  novelty: 4.321,
  cutAt: 2,
  counts: [2, 2, 3],
  actNovelty: [0.5, null, 4.321, null],
  turns: [
    { speaker: 'alice', act: { type: 'propose', allocation: [1, 2, 0] } },
    { speaker: 'bob', act: { type: 'disagree' } },
    { speaker: 'alice', act: { type: 'insist', allocation: [1, 2, 3] } },
    { speaker: 'bob', act: { type: 'agree' } },
  ],
  oracle: 'simulatedExpert',
};

describe('the novelty view', () => {
  it('says an offer without the counts as what the speaker asks for', () => {
    expect(noveltyActSentence({ type: 'propose', allocation: [1, 2, 0] }, dealOrNoDeal, null)).toBe(
      "I'd like a book and 2 hats; you take the rest.",
    );
    // With the counts it is the transcript's sentence.
    expect(
      noveltyActSentence({ type: 'propose', allocation: [1, 2, 0] }, dealOrNoDeal, [1, 2, 3]),
    ).toBe("I'd like the book and both hats; you take all 3 balls.");
    expect(oracleLabel(null)).toBe('not selected');
  });

  it('lists the ranked dialogues and highlights the act the task was cut after', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ dialogues: [entry] }), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const round = {
      id: 'r'.repeat(24),
      domain: 'dealornodeal',
      status: 'evaluated',
      noveltyMetric: 'minLogProb',
    } as RoundView;
    render(<NoveltyView round={round} />);
    const head = await screen.findByRole('button', { name: /#1/ });
    expect(fetchMock).toHaveBeenCalledWith(`/api/rounds/${round.id}/novelty`, expect.anything());
    // One sign everywhere: higher = more novel, the entry's score and the act's surprise alike.
    expect(head.textContent).toContain('max surprise (−min log p) 4.32');
    expect(screen.getByText(/higher means Bob expected them less/)).toBeTruthy();
    expect(head.textContent).toContain('the simulated expert');
    expect(head.textContent).toContain('cut after act 3 of 4');
    fireEvent.click(head);
    const novel = await screen.findByTestId('novel-act');
    expect(novel.textContent).toContain(
      "I insist. I'd like a book, both hats and all 3 balls; you take a book.",
    );
    expect(novel.textContent).toContain('surprise 4.32');
    await waitFor(() => expect(screen.getAllByTestId('novelty-turn')).toHaveLength(3));
  });
});
