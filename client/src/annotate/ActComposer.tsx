import { useState } from 'react';
import type { Act } from '../../../shared/dialogue/acts';
import { scoreOf } from '../../../shared/domain/scoring';
import { AllocationEditor } from './AllocationEditor';
import { ConfirmButton } from './ConfirmButton';
import { myLastOffer, pendingPartnerOffer, type NegotiationModel } from './negotiation';
import { PreferenceTalk } from './PreferenceTalk';
import { actSentence, walkAwayQuestion } from './sentences';

/**
 * What the worker can say on their turn: an offer built with the steppers, insisting on their
 * own latest offer (whatever the steppers show: they start from Alice's counter-offer),
 * agree / disagree to Alice's pending offer, end, and where the domain has them, walking away
 * (after a confirmation) and talk about priorities. Buttons the rules forbid right now are
 * disabled with the reason as their title; the server checks again.
 */
export function ActComposer(props: {
  model: NegotiationModel;
  draft: number[];
  onDraftChange: (draft: number[]) => void;
  onAct: (act: Act) => Promise<void>;
  disabled: boolean;
}) {
  const { model, draft } = props;
  const [sending, setSending] = useState(false);
  const pending = pendingPartnerOffer(model);
  const lastOwn = myLastOffer(model);
  const off = props.disabled || sending;

  const send = async (act: Act) => {
    setSending(true);
    try {
      await props.onAct(act);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card composer" aria-label="Your move">
      <h2>Your move</h2>
      {pending !== null && (
        <p className="pending" data-testid="pending-offer">
          Alice offers you a split worth <strong>{scoreOf(model.utilities, pending)}</strong> points
          to you.
        </p>
      )}
      <div className="answer-row">
        <button
          type="button"
          className="good"
          disabled={off || pending === null}
          title={pending === null ? 'Alice has no offer waiting for your answer' : undefined}
          onClick={() => void send({ type: 'agree' })}
        >
          Agree to Alice&apos;s offer
        </button>
        <button
          type="button"
          disabled={off || pending === null}
          title={pending === null ? 'Alice has no offer waiting for your answer' : undefined}
          onClick={() => void send({ type: 'disagree' })}
        >
          Disagree
        </button>
        {model.domain.supportsWalkaway && (
          <ConfirmButton
            label="Walk away"
            question={walkAwayQuestion(model.domain)}
            confirmLabel="Yes, walk away"
            cancelLabel="Keep negotiating"
            disabled={off}
            onConfirm={() => void send({ type: 'walkaway' })}
          />
        )}
        <button type="button" disabled={off} onClick={() => void send({ type: 'end' })}>
          End negotiation
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send({ type: 'propose', allocation: [...draft] });
        }}
      >
        <AllocationEditor
          domain={model.domain}
          counts={model.counts}
          utilities={model.utilities}
          value={draft}
          onChange={props.onDraftChange}
          partnerName="Alice"
          label="Your offer"
        />
        <p className="preview" data-testid="offer-preview">
          You would say: “
          {actSentence({ type: 'propose', allocation: draft }, model.domain, model.counts)}”
        </p>
        <div className="offer-row">
          <button type="submit" className="primary" disabled={off}>
            Propose this split
          </button>
          <button
            type="button"
            disabled={off || lastOwn === null}
            title={lastOwn === null ? 'You have made no offer yet to insist on' : undefined}
            onClick={() =>
              lastOwn !== null && void send({ type: 'insist', allocation: [...lastOwn] })
            }
          >
            Insist on my last offer
          </button>
        </div>
        {lastOwn !== null && (
          <p className="small muted" data-testid="last-offer">
            Your last offer: “
            {actSentence({ type: 'propose', allocation: lastOwn }, model.domain, model.counts)}” —
            worth {scoreOf(model.utilities, lastOwn)} points to you.
          </p>
        )}
      </form>
      {model.domain.supportsPreferences && (
        <PreferenceTalk model={model} disabled={off} onAct={(a) => void send(a)} />
      )}
    </section>
  );
}
