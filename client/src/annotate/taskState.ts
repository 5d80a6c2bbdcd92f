import type { Act } from '../../../shared/dialogue/acts';
import type { Seat, TaskView } from '../../../shared/protocol/annotation';

/**
 * The task view after an act at index `turn`, derived locally so the screen follows at once
 * (the server's `task:resume` answers the same after a reconnect). An act already in the
 * history is ignored (echoes, duplicates); a gap returns null: the caller resyncs.
 */
export function withAct(view: TaskView, speaker: Seat, act: Act, turn: number): TaskView | null {
  if (turn < view.history.length) {
    return view;
  }
  if (turn > view.history.length) {
    return null;
  }
  const history = [...view.history, { speaker, act }];
  const over = act.type === 'end' || act.type === 'walkaway' || history.length >= view.maxTurns;
  return {
    ...view,
    history,
    turn: history.length,
    phase: act.type === 'walkaway' ? 'done' : over ? 'selecting' : 'negotiating',
    nextSpeaker: over ? null : speaker === 'alice' ? 'bob' : 'alice',
  };
}
