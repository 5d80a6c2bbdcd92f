import { useEffect, useState } from 'react';
import type { Act } from '../../../shared/dialogue/acts';
import { isOffer } from '../../../shared/dialogue/acts';
import { scoreOf } from '../../../shared/domain/scoring';
import type { SuggestionView } from '../../../shared/protocol/annotation';
import { ConfirmButton } from './ConfirmButton';
import { explanationPoints } from './explanationText';
import type { NegotiationModel } from './negotiation';
import { actSentence, walkAwayQuestion } from './sentences';
import { ErrorAlert } from '../layout/ErrorAlert';

/** ASTRA's suggestion on request, explained in plain words, usable in one click. */
export function AstraPanel(props: {
  model: NegotiationModel;
  suggest: () => Promise<SuggestionView>;
  onUse: (act: Act) => Promise<void>;
  onEdit: (allocation: number[]) => void;
  disabled: boolean;
}) {
  const [suggestion, setSuggestion] = useState<SuggestionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const turn = props.model.history.length;
  // A suggestion answers one moment of the dialogue; a new act makes it stale.
  useEffect(() => {
    setSuggestion(null);
    setError(null);
  }, [turn]);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setSuggestion(await props.suggest());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const act = suggestion?.act;
  return (
    <section className="card astra" aria-label="ASTRA suggestion">
      <h2>ASTRA assistant</h2>
      {suggestion === null && (
        <>
          <p className="muted">
            ASTRA reads the dialogue, guesses what Alice wants, and suggests a move with its
            reasons. Following it is up to you.
          </p>
          <button type="button" onClick={() => void ask()} disabled={props.disabled || busy}>
            {busy ? 'Thinking…' : 'Suggest a move'}
          </button>
        </>
      )}
      <ErrorAlert message={error} />
      {suggestion !== null && act !== undefined && (
        <div data-testid="astra-suggestion">
          <p className="suggested">
            Suggested: “{actSentence(act, props.model.domain, props.model.counts)}”
            {suggestion.offer !== null && (
              <>
                {' '}
                — worth <strong>{scoreOf(props.model.utilities, suggestion.offer)}</strong> points
                to you
              </>
            )}
          </p>
          <ul className="points">
            {explanationPoints(suggestion.explanation, act).map((point) => (
              <li key={point.label} className={`tone-${point.tone}`}>
                <strong>{point.label}:</strong> {point.text}
              </li>
            ))}
          </ul>
          <div className="offer-row">
            {act.type === 'walkaway' ? (
              // Walking away ends the task for good: it asks first, as the composer's button does.
              <ConfirmButton
                label="Walk away"
                question={walkAwayQuestion(props.model.domain)}
                confirmLabel="Yes, walk away"
                cancelLabel="Keep negotiating"
                disabled={props.disabled}
                onConfirm={() => void props.onUse(act)}
              />
            ) : (
              <button
                type="button"
                className="primary"
                disabled={props.disabled}
                onClick={() => void props.onUse(act)}
              >
                {isOffer(act) ? 'Use this offer' : 'Do this'}
              </button>
            )}
            {isOffer(act) && (
              <button type="button" onClick={() => props.onEdit([...act.allocation])}>
                Edit it first
              </button>
            )}
          </div>
          <details>
            <summary>ASTRA&apos;s full reasoning</summary>
            <p className="small">{suggestion.summary}</p>
          </details>
        </div>
      )}
    </section>
  );
}
