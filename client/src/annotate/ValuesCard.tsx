import type { Domain } from '../../../shared/domain/types';
import { ItemIcon } from './ItemIcon';

/** The items on the table and what each is worth to me (only my values: Alice's are hidden). */
export function ValuesCard(props: {
  domain: Domain;
  counts: readonly number[];
  utilities: readonly number[];
}) {
  const { domain, counts, utilities } = props;
  const total = counts.reduce((s, c, i) => s + c * (utilities[i] ?? 0), 0);
  return (
    <section className="card values" aria-label="Items and your values">
      <h2>On the table</h2>
      <ul>
        {domain.items.map((item, i) => (
          <li key={item.id} data-testid={`item-${item.id}`}>
            <span className="count" aria-label={`${counts[i] ?? 0} ${item.plural}`}>
              {Array.from({ length: counts[i] ?? 0 }, (_, k) => (
                <ItemIcon key={k} id={item.id} />
              ))}
            </span>
            <span className="name">
              {counts[i] ?? 0} {(counts[i] ?? 0) === 1 ? item.singular : item.plural}
            </span>
            <span className="value">
              worth <strong>{utilities[i] ?? 0}</strong> each to you
            </span>
          </li>
        ))}
      </ul>
      <p className="muted">
        Everything is worth {total} points to you. Your partner values the items differently and you
        cannot see how. No deal: {domain.batna} points each.
      </p>
    </section>
  );
}
