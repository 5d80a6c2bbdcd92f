import { Fragment, useEffect, useRef } from 'react';
import type { Seat } from '../../../shared/protocol/annotation';
import type { NegotiationModel } from './negotiation';
import { actSentence } from './sentences';

/** Who said a turn: the worker is "You" only from the takeover on; before it, the self-play Bob. */
export function speakerLabel(speaker: Seat, beforeTakeover: boolean): string {
  if (speaker === 'alice') {
    return 'Alice';
  }
  return beforeTakeover ? 'Bob (before you)' : 'You';
}

function TakeoverMarker() {
  return (
    <li className="takeover" data-testid="takeover-marker" role="separator">
      You take over Bob&apos;s seat here
    </li>
  );
}

/**
 * The dialogue so far as readable sentences, newest at the bottom, with Alice typing. A task
 * starts from a self-play dialogue: its turns are dimmed, and a marker shows where the worker
 * took over Bob's seat.
 */
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
          <Fragment key={i}>
            {i === model.takeoverAt && i > 0 && <TakeoverMarker />}
            <li
              className={`bubble ${turn.speaker} ${i < model.takeoverAt ? 'prefix' : ''}`}
              data-testid="turn"
            >
              <span className="who">{speakerLabel(turn.speaker, i < model.takeoverAt)}</span>
              <span className="said">{actSentence(turn.act, model.domain, model.counts)}</span>
            </li>
          </Fragment>
        ))}
        {model.takeoverAt > 0 && model.takeoverAt >= model.history.length && <TakeoverMarker />}
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
