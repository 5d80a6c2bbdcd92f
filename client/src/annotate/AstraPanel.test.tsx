import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { suggest } from '../../../shared/astra/suggest';
import { casino } from '../../../shared/domain/casino';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import type { SuggestionView } from '../../../shared/protocol/annotation';
import { AstraPanel } from './AstraPanel';
import { explanationPoints, tacticName } from './explanationText';
import type { NegotiationModel } from './negotiation';

afterEach(cleanup);

const model: NegotiationModel = {
  domain: dealOrNoDeal,
  counts: [1, 2, 3],
  utilities: [4, 0, 2],
  history: [{ speaker: 'alice', act: { type: 'propose', allocation: [1, 2, 3] } }],
  takeoverAt: 0,
  phase: 'negotiating',
  nextSpeaker: 'bob',
  maxTurns: 20,
  partnerLabel: 'test',
};

// A real explanation from ASTRA (shared/astra), as the server sends it; by default after Alice
// asked for everything.
function realSuggestion(aliceTakes: number[] = [1, 2, 3]): SuggestionView {
  const s = suggest({
    domain: 'dealornodeal',
    counts: model.counts,
    utilities: model.utilities,
    history: [{ speaker: 'partner', act: { type: 'propose', allocation: aliceTakes } }],
  });
  return {
    act: s.act,
    offer: s.offer ?? null,
    summary: s.explanation.summary,
    explanation: s.explanation,
  };
}

describe('ASTRA explanations in plain words', () => {
  it('name the partner’s stance, the fairness of its offer, the tactic, acceptance and reason', () => {
    const suggestion = realSuggestion();
    const points = explanationPoints(suggestion.explanation, suggestion.act);
    const byLabel = Object.fromEntries(points.map((p) => [p.label, p.text]));
    expect(byLabel.Partner).toMatch(/^Your partner seems (greedy|generous|neither)/);
    // Alice wants everything: an unfair offer that leaves me 0 points.
    expect(byLabel['Their offer']).toMatch(
      /^Their latest offer looks unfair to you: it gives you 0 points and them about \d+\.$/,
    );
    expect(points.find((p) => p.label === 'Their offer')?.tone).toBe('bad');
    expect(byLabel.Why).toBe(`${suggestion.explanation.decision.reason}.`);
    // To a demand for everything ASTRA counters with an offer it chose by a tactic.
    expect(suggestion.act.type).toBe('propose');
    expect(suggestion.explanation.chosen).not.toBeNull();
    expect(byLabel.Acceptance).toMatch(/^Expected chance they accept this offer: \d+ %\.$/);
    expect(byLabel.Tactic).toContain(tacticName(suggestion.explanation.tactic?.id ?? 'none'));
  });

  it('says plainly when their offer is lopsided in my favour, not "unfair"', () => {
    const { explanation } = realSuggestion();
    const favourable = explanationPoints(
      { ...explanation, fairness: { ...explanation.fairness, ownScore: 9, partnerScore: 1 } },
      { type: 'agree' },
    ).find((p) => p.label === 'Their offer');
    expect(favourable).toEqual({
      label: 'Their offer',
      text: 'Their latest offer is lopsided in your favour: it gives you 9 points and them about 1.',
      tone: 'good',
    });
  });

  it('gives no chance of acceptance when the suggestion is to accept their offer', () => {
    // Alice keeps only the hats, worth nothing to me: ASTRA accepts her offer (10 points).
    const suggestion = realSuggestion([0, 2, 0]);
    expect(suggestion.act).toEqual({ type: 'agree' });
    const points = explanationPoints(suggestion.explanation, suggestion.act);
    const text = points.map((p) => `${p.label}: ${p.text}`).join('\n');
    expect(text).not.toMatch(/chance they accept/);
    expect(points.find((p) => p.label === 'Accepting')?.text).toBe(
      'Agreeing to their offer makes the deal: 10 points for you.',
    );
  });

  it('turns tactic ids into words', () => {
    expect(tacticName('holdFirmWhenPartnerHoldsFirm')).toBe('hold firm when partner holds firm');
  });

  it('shows the suggestion on request and uses it in one click', async () => {
    const suggestion = realSuggestion();
    const onUse = vi.fn(() => Promise.resolve());
    render(
      <AstraPanel
        model={model}
        suggest={() => Promise.resolve(suggestion)}
        onUse={onUse}
        onEdit={vi.fn()}
        disabled={false}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Suggest a move' }));
    const shown = await screen.findByTestId('astra-suggestion');
    expect(shown.textContent).toContain('Suggested: “');
    expect(shown.textContent).toContain('Their latest offer looks unfair to you');
    fireEvent.click(screen.getByRole('button', { name: /Use this offer|Do this/ }));
    expect(onUse).toHaveBeenCalledWith(suggestion.act);
  });

  it('asks before following a suggestion to walk away', async () => {
    const suggestion: SuggestionView = {
      ...realSuggestion(),
      act: { type: 'walkaway' },
      offer: null,
    };
    const onUse = vi.fn(() => Promise.resolve());
    render(
      <AstraPanel
        model={{ ...model, domain: casino, counts: [3, 3, 3], utilities: [5, 4, 3] }}
        suggest={() => Promise.resolve(suggestion)}
        onUse={onUse}
        onEdit={vi.fn()}
        disabled={false}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Suggest a move' }));
    await screen.findByTestId('astra-suggestion');
    fireEvent.click(screen.getByRole('button', { name: 'Walk away' }));
    expect(onUse).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Walk away' }).textContent).toContain(
      'you get 5 points',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Yes, walk away' }));
    expect(onUse).toHaveBeenCalledWith({ type: 'walkaway' });
  });

  it('shows the server’s refusal as a message', async () => {
    render(
      <AstraPanel
        model={model}
        suggest={() => Promise.reject(new Error("It is Alice's turn; wait for her reply."))}
        onUse={vi.fn()}
        onEdit={vi.fn()}
        disabled={false}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Suggest a move' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "It is Alice's turn; wait for her reply.",
    );
  });
});
