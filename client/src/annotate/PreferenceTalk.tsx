import { useState } from 'react';
import { priorityLevels, type Act, type PriorityLevel } from '../../../shared/dialogue/acts';
import type { NegotiationModel } from './negotiation';
import { actSentence } from './sentences';

/** My true priority of an item: its rank among my values (highest value: high). */
export function myPriority(utilities: readonly number[], item: number): PriorityLevel {
  const value = utilities[item] ?? 0;
  const higher = new Set(utilities.filter((u) => u > value)).size;
  return priorityLevels[Math.min(higher, priorityLevels.length - 1)] ?? 'low';
}

/**
 * The preference acts of multi-issue domains (CaSiNo), as self-play and ASTRA use them: ask
 * Alice what matters most to her, or tell her how much an item matters to me. The statement
 * starts out true (my most valued item, and each item's real rank when another is picked);
 * the worker may change it, as people do.
 */
export function PreferenceTalk(props: {
  model: NegotiationModel;
  disabled: boolean;
  onAct: (act: Act) => void;
}) {
  const { model } = props;
  const best = model.utilities.indexOf(Math.max(...model.utilities));
  const [item, setItem] = useState(Math.max(0, best));
  const [priority, setPriority] = useState<PriorityLevel>(() =>
    myPriority(model.utilities, Math.max(0, best)),
  );
  const statement: Act = { type: 'statePreference', item, priority };
  return (
    <div className="preferences" role="group" aria-label="Priorities">
      <h3>Priorities</h3>
      <button
        type="button"
        disabled={props.disabled}
        onClick={() => props.onAct({ type: 'askPreference' })}
      >
        Ask what matters most to Alice
      </button>
      <form
        className="state-preference"
        onSubmit={(e) => {
          e.preventDefault();
          props.onAct(statement);
        }}
      >
        <label>
          Item{' '}
          <select
            value={item}
            onChange={(e) => {
              const next = Number(e.target.value);
              setItem(next);
              setPriority(myPriority(model.utilities, next));
            }}
          >
            {model.domain.items.map((it, i) => (
              <option key={it.id} value={i}>
                {it.plural}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Priority{' '}
          <select value={priority} onChange={(e) => setPriority(e.target.value as PriorityLevel)}>
            {priorityLevels.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={props.disabled}>
          Tell Alice
        </button>
        <p className="preview small" data-testid="preference-preview">
          You would say: “{actSentence(statement, model.domain, model.counts)}”
        </p>
      </form>
    </div>
  );
}
