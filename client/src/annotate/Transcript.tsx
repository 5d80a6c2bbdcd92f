import { useEffect, useRef } from 'react';
import type { NegotiationModel } from './negotiation';
import { actSentence } from './sentences';

/** The dialogue so far as readable sentences, newest at the bottom, with Alice typing. */
export function Transcript(props: { model: NegotiationModel; aliceTyping: boolean }) {
  const { model } = props;
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [model.history.length, props.aliceTyping]);
  return (
    <section className="card transcript" aria-label="Dialogue">
      <h2>
        Dialogue{' '}
        <span className="muted">
          turn {model.history.length} of {model.maxTurns}
        </span>
      </h2>
      <ol aria-live="polite">
        {model.history.map((turn, i) => (
          <li key={i} className={`bubble ${turn.speaker}`} data-testid="turn">
            <span className="who">{turn.speaker === 'bob' ? 'You' : 'Alice'}</span>
            <span className="said">{actSentence(turn.act, model.domain, model.counts)}</span>
          </li>
        ))}
        {props.aliceTyping && (
          <li className="bubble alice typing" data-testid="typing" aria-label="Alice is typing">
            <span className="who">Alice</span>
            <span className="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
          </li>
        )}
        <li ref={end} className="end" aria-hidden="true" />
      </ol>
    </section>
  );
}
