import type { RoundView } from '../../../shared/protocol/rounds';

const stages = ['self-play', 'ranking', 'annotating', 'retraining'] as const;

/** One bar per pipeline stage: done / total, the current stage highlighted. */
export function ProgressBars({ round, compact }: { round: RoundView; compact?: boolean }) {
  const current =
    round.status === 'paused'
      ? round.pausedFrom
      : round.status === 'failed'
        ? (round.failure?.stage ?? null)
        : round.status;
  return (
    <div className={`progress-bars ${compact === true ? 'compact' : ''}`}>
      {stages.map((stage) => {
        const { done, total } = round.progress[stage];
        const share = total === 0 ? 0 : Math.min(1, done / total);
        return (
          <div
            key={stage}
            className={`progress ${stage === current ? 'current' : ''}`}
            data-testid={`progress-${stage}`}
          >
            <span className="stage">{stage}</span>
            <span
              className="bar"
              role="progressbar"
              aria-label={`${stage} progress`}
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={done}
            >
              <span className="fill" style={{ width: `${share * 100}%` }} />
            </span>
            <span className="numbers">
              {done} / {total}
            </span>
          </div>
        );
      })}
      {round.activity !== null && (
        <p className="activity" role="status" data-testid="round-activity">
          {round.activity}
        </p>
      )}
    </div>
  );
}

export function StatusBadge({ round }: { round: RoundView }) {
  return (
    <span className={`badge status-${round.status}`} data-testid="round-status">
      {round.status}
      {round.status === 'paused' && round.pausedFrom !== null ? ` (in ${round.pausedFrom})` : ''}
      {round.status === 'failed' && round.failure !== null ? ` (in ${round.failure.stage})` : ''}
    </span>
  );
}
