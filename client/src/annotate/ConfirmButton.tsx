import { useState } from 'react';

/**
 * A button for a move that cannot be taken back (walking away, skipping a task): the first
 * click asks the question in place, with the consequence spelled out; only "yes" acts.
 */
export function ConfirmButton(props: {
  label: string;
  /** The question and its consequence, e.g. "Walk away? Neither of you gets a deal". */
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={props.label}>
      <p>{props.question}</p>
      <button
        type="button"
        className="danger"
        disabled={props.disabled}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
