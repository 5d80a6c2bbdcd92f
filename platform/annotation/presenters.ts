import type { StudyCompletion } from '../../shared/protocol/studies';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import { nextSpeaker, phaseOf } from '../../shared/dialogue/dialogue';
import type { Outcome } from '../../shared/dialogue/outcome';
import type { Seat, TaskEndedEvent, TaskView } from '../../shared/protocol/annotation';
import type { Lease, Task } from '../tasks/taskModel';
import { presentAlice } from './aliceAgents';

export function seatOf(speaker: number): Seat {
  return speaker === 0 ? 'alice' : 'bob';
}

/**
 * What a worker sees of their task. Built field by field from the task: Alice's utilities are
 * in the task document and never in this view.
 */
export function presentTaskView(task: Task, lease: Lease, state: DialogueState): TaskView {
  const next = nextSpeaker(state);
  return {
    taskId: task._id.toHexString(),
    domain: state.domain.id,
    counts: [...task.counts],
    utilities: [...task.bobUtilities],
    history: state.turns.map((turn) => ({ speaker: seatOf(turn.speaker), act: turn.act })),
    takeoverAt: task.prefix.length,
    turn: state.turns.length,
    maxTurns: state.domain.maxTurns,
    leaseExpiresAt: lease.expiresAt.toISOString(),
    aliceAgent: presentAlice(task),
    phase: phaseOf(state),
    nextSpeaker: next === null ? null : seatOf(next),
  };
}

/** The end of a task from Bob's side: his share, both scores. */
export function presentEnded(
  taskId: string,
  counts: readonly number[],
  outcome: Outcome,
  completion: StudyCompletion | null,
): TaskEndedEvent {
  const event: TaskEndedEvent = {
    taskId,
    outcome: {
      agreed: outcome.agreed,
      walkedAway: outcome.walkedAway,
      bobShare:
        outcome.allocation === null
          ? null
          : counts.map((c, i) => c - (outcome.allocation?.[i] ?? 0)),
      paretoOptimal: outcome.paretoOptimal,
    },
    scores: { alice: outcome.scores[0], bob: outcome.scores[1] },
  };
  if (completion === null) {
    return event;
  }
  return {
    ...event,
    completionCode: completion.completionCode,
    ...(completion.redirectUrl === undefined ? {} : { completionUrl: completion.redirectUrl }),
    ...(completion.mturkSubmit === undefined ? {} : { mturkSubmit: completion.mturkSubmit }),
  };
}
