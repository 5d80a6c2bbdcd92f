import { scoreOf } from '../../../shared/domain/scoring';
import type { Domain } from '../../../shared/domain/types';
import { ItemIcon } from './ItemIcon';

/**
 * Steppers for my share of each item, constrained to 0…count, showing both sides' shares and
 * my score for the allocation. Arrow keys work on the focused number field too.
 */
export function AllocationEditor(props: {
  domain: Domain;
  counts: readonly number[];
  utilities: readonly number[];
  value: number[];
  onChange: (value: number[]) => void;
  partnerName: string;
  label: string;
}) {
  const { domain, counts, utilities, value } = props;
  const set = (i: number, n: number) => {
    const count = counts[i] ?? 0;
    const clamped = Math.max(0, Math.min(count, Math.round(Number.isFinite(n) ? n : 0)));
    props.onChange(value.map((v, j) => (j === i ? clamped : v)));
  };
  return (
    <fieldset className="allocation" aria-label={props.label}>
      <legend>{props.label}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">You get</th>
            <th scope="col">{props.partnerName} gets</th>
          </tr>
        </thead>
        <tbody>
          {domain.items.map((item, i) => {
            const mine = value[i] ?? 0;
            const count = counts[i] ?? 0;
            return (
              <tr key={item.id}>
                <th scope="row">
                  <ItemIcon id={item.id} /> {item.plural}
                </th>
                <td>
                  <div className="stepper">
                    <button
                      type="button"
                      aria-label={`one ${item.singular} less for you`}
                      onClick={() => set(i, mine - 1)}
                      disabled={mine <= 0}
                    >
                      −
                    </button>
                    <input
                      type="number"
                      min={0}
                      max={count}
                      value={mine}
                      aria-label={`${item.plural} for you`}
                      onChange={(e) => set(i, e.target.valueAsNumber)}
                    />
                    <button
                      type="button"
                      aria-label={`one ${item.singular} more for you`}
                      onClick={() => set(i, mine + 1)}
                      disabled={mine >= count}
                    >
                      +
                    </button>
                  </div>
                </td>
                <td className="partner-share" data-testid={`partner-share-${item.id}`}>
                  {count - mine}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="my-score" aria-live="polite">
        Your score with this split:{' '}
        <strong data-testid="composer-score">{scoreOf(utilities, value)}</strong> of{' '}
        {scoreOf(utilities, counts)}
      </p>
    </fieldset>
  );
}
