import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Act } from '../../../shared/dialogue/acts';
import { ActComposer } from './ActComposer';
import { AstraPanel } from './AstraPanel';
import { pendingPartnerOffer, type NegotiationActions, type NegotiationModel } from './negotiation';
import { SelectionPanel } from './SelectionPanel';
import { Transcript } from './Transcript';
import { TurnTimer } from './TurnTimer';
import { ValuesCard } from './ValuesCard';

/**
 * The negotiation screen, for the practice dialogue and live tasks alike: items and my values,
 * the dialogue, then my move (composer and ASTRA), the final selection, or what `outcome`
 * shows once it is over.
 */
export function NegotiationView(props: {
  model: NegotiationModel;
  actions: NegotiationActions;
  aliceTyping: boolean;
  /** Blocks moves while offline or waiting. */
  disabled?: boolean;
  leaseExpiresAt?: string;
  outcome?: ReactNode;
}) {
  const { model, actions } = props;
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<number[]>(
    () => pendingPartnerOffer(model) ?? [...model.counts],
  );
  const myTurn = model.phase === 'negotiating' && model.nextSpeaker === 'bob';
  const turnStarted = useRef(Date.now());
  const turnCount = model.history.length;
  useEffect(() => {
    turnStarted.current = Date.now();
    // Start from Alice's offer: the usual move is a small change to it.
    const pending = pendingPartnerOffer(model);
    if (pending !== null) {
      setDraft(pending);
    }
  }, [turnCount]);

  const act = async (a: Act) => {
    setError(null);
    const problem = await actions.act(a);
    setError(problem);
  };
  const select = async (allocation: number[] | null) => {
    setError(null);
    setError(await actions.select(allocation));
  };

  return (
    <div className="negotiation">
      <div className="column">
        <ValuesCard domain={model.domain} counts={model.counts} utilities={model.utilities} />
        <Transcript model={model} aliceTyping={props.aliceTyping} />
      </div>
      <div className="column">
        <p className="partner muted">Alice is played by: {model.partnerLabel}</p>
        {error !== null && (
          <p role="alert" className="error" data-testid="move-error">
            {error}
          </p>
        )}
        {model.phase === 'negotiating' && !myTurn && (
          <p className="waiting card">Waiting for Alice…</p>
        )}
        {myTurn && (
          <>
            <TurnTimer
              key={turnCount}
              since={turnStarted.current}
              warnAfter={60}
              leaseExpiresAt={props.leaseExpiresAt}
            />
            <ActComposer
              model={model}
              draft={draft}
              onDraftChange={setDraft}
              onAct={act}
              disabled={props.disabled === true}
            />
            {actions.suggest !== undefined && (
              <AstraPanel
                model={model}
                suggest={actions.suggest}
                onUse={act}
                onEdit={setDraft}
                disabled={props.disabled === true}
              />
            )}
          </>
        )}
        {model.phase === 'selecting' && (
          <SelectionPanel
            key={turnCount}
            model={model}
            onSelect={select}
            disabled={props.disabled === true}
          />
        )}
        {model.phase === 'done' && props.outcome}
      </div>
    </div>
  );
}
