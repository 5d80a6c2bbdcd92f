import { getDomain } from '../../../shared/domain/domains';
import type { RoundView } from '../../../shared/protocol/rounds';

/** How a round is named wherever one is picked: name, domain and creation date, not its id. */
export function roundLabel(round: Pick<RoundView, 'name' | 'domain' | 'createdAt'>): string {
  const created = new Date(round.createdAt).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return `${round.name} · ${getDomain(round.domain).name} · ${created}`;
}

/** A round select whose options read as rounds; the chosen one's id shows as secondary text. */
export function RoundPicker(props: {
  label: string;
  rounds: readonly RoundView[];
  value: string;
  onChange: (roundId: string) => void;
  /** The first option's text: no round chosen. */
  emptyLabel?: string;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.emptyLabel ?? 'choose a round…'}</option>
        {props.rounds.map((round) => (
          <option key={round.id} value={round.id} title={`id ${round.id}`}>
            {roundLabel(round)}
          </option>
        ))}
      </select>
      {props.value !== '' && (
        <span className="hint" data-testid="round-id">
          id {props.value}
        </span>
      )}
    </label>
  );
}
