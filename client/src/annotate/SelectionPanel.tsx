import { useState } from 'react';
import { AllocationEditor } from './AllocationEditor';
import { agreedShareOf, type NegotiationModel } from './negotiation';

/**
 * The acts are over: the worker states what they believe was agreed (their own share), or that
 * there was no deal. A deal needs both sides' selections to fit together.
 */
export function SelectionPanel(props: {
  model: NegotiationModel;
  onSelect: (allocation: number[] | null) => Promise<void>;
  disabled: boolean;
}) {
  const { model } = props;
  const agreed = agreedShareOf(model);
  const [share, setShare] = useState<number[]>(agreed ?? model.counts.map(() => 0));
  const [busy, setBusy] = useState(false);
  const choose = async (allocation: number[] | null) => {
    setBusy(true);
    try {
      await props.onSelect(allocation);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card selection" aria-label="Final selection">
      <h2>Final selection</h2>
      <p>
        {agreed === null
          ? 'No offer was agreed. Declare no deal, or enter what you believe you agreed on.'
          : 'You reached an agreement. Confirm your share (filled in from the agreed offer).'}
      </p>
      <AllocationEditor
        domain={model.domain}
        counts={model.counts}
        utilities={model.utilities}
        value={share}
        onChange={setShare}
        partnerName="Alice"
        label="Your share"
      />
      <div className="offer-row">
        <button
          type="button"
          className="primary"
          disabled={props.disabled || busy}
          onClick={() => void choose(share)}
        >
          Confirm my share
        </button>
        <button type="button" disabled={props.disabled || busy} onClick={() => void choose(null)}>
          No deal
        </button>
      </div>
    </section>
  );
}
