import type { ReactNode } from 'react';
import type { Domain } from '../../../shared/domain/types';
import type { OutcomeView } from './negotiation';
import { sharePhrase } from './sentences';

export function OutcomePanel(props: {
  domain: Domain;
  counts: readonly number[];
  outcome: OutcomeView;
  children?: ReactNode;
}) {
  const { outcome } = props;
  return (
    <section className="card outcome" aria-label="Outcome" data-testid="outcome">
      <h2>{outcome.agreed ? 'Deal!' : outcome.walkedAway ? 'Walked away' : 'No deal'}</h2>
      {outcome.agreed && outcome.myShare !== null && (
        <p>You get {sharePhrase(props.domain, props.counts, outcome.myShare)}.</p>
      )}
      <dl className="scores">
        <dt>Your score</dt>
        <dd data-testid="my-score">{outcome.myScore}</dd>
        <dt>Alice&apos;s score</dt>
        <dd>{outcome.partnerScore}</dd>
        {outcome.paretoOptimal !== null && (
          <>
            <dt>Efficient deal</dt>
            <dd>
              {outcome.paretoOptimal
                ? 'Yes: no other split was better for one of you without hurting the other.'
                : 'No: another split would have been better for someone at no cost.'}
            </dd>
          </>
        )}
      </dl>
      {props.children}
    </section>
  );
}
