import type { RoundProgressEvent, RoundView } from '../../../shared/protocol/rounds';

/**
 * A round after a `round:progress` push. The push carries the whole live state (status, every
 * stage's counters, where a paused round was, why a failed one failed, what a stage is busy
 * with), so the latest push alone is right even when pushes were missed or came in a burst.
 */
export function applyProgress(round: RoundView, event: RoundProgressEvent): RoundView {
  if (event.roundId !== round.id) {
    return round;
  }
  return {
    ...round,
    status: event.stage,
    progress: event.progress,
    pausedFrom: event.pausedFrom,
    failure: event.failure,
    activity: event.activity,
  };
}
