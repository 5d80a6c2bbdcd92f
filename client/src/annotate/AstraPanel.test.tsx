import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { suggest } from '../../../shared/astra/suggest';
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

// A real explanation from ASTRA (shared/astra), as the server sends it.
function realSuggestion(): SuggestionView {
  const s = suggest({
    domain: 'dealornodeal',
    counts: model.counts,
    utilities: model.utilities,
    history: [{ speaker: 'partner', act: { type: 'propose', allocation: [1, 2, 3] } }],
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
    const points = explanationPoints(suggestion.explanation);
    const byLabel = Object.fromEntries(points.map((p) => [p.label, p.text]));
    expect(byLabel.Partner).toMatch(/^Your partner seems (greedy|generous|neither)/);
    // Alice wants everything: an unfair offer that leaves me 0 points.
    expect(byLabel['Their offer']).toBe('Their latest offer looks unfair: it gives you 0 points.');
    expect(points.find((p) => p.label === 'Their offer')?.tone).toBe('bad');
    expect(byLabel.Why).toBe(`${suggestion.explanation.decision.reason}.`);
    if (suggestion.explanation.chosen !== null) {
      expect(byLabel.Acceptance).toMatch(/^Expected chance they accept this offer: \d+ %\.$/);
    }
    if (suggestion.explanation.tactic !== null) {
      expect(byLabel.Tactic).toContain(tacticName(suggestion.explanation.tactic.id));
    }
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
    expect(shown.textContent).toContain('Their latest offer looks unfair');
    fireEvent.click(screen.getByRole('button', { name: /Use this offer|Do this/ }));
    expect(onUse).toHaveBeenCalledWith(suggestion.act);
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
