import type { FlagView } from '../../../shared/protocol/review';
import { flagLabel } from './format';

export function FlagChips({ flags }: { flags: readonly FlagView[] }) {
  if (flags.length === 0) {
    return <span className="muted small">no flags</span>;
  }
  return (
    <ul className="chips" aria-label="Flags">
      {flags.map((flag, i) => (
        <li key={i} className={`chip flag-${flag.code}`} title={flag.detail} data-testid="flag">
          {flagLabel(flag.code)}
        </li>
      ))}
    </ul>
  );
}

export function ReviewBadge({ status }: { status: string }) {
  return (
    <span className={`badge review-${status}`} data-testid="review-status">
      {status}
    </span>
  );
}
