import {
  applyAct,
  applySelection,
  startDialogue,
  type DialogueState,
} from '../../shared/dialogue/dialogue';
import { formatAct, type Act } from '../../shared/dialogue/acts';
import { getDomain } from '../../shared/domain/domains';
import type { AgentIndex, Allocation } from '../../shared/domain/types';
import { prefixTurns, type Task } from '../tasks/taskModel';
import type { Annotation } from './annotationModel';

/** Alice is agent 0, the worker (Bob) agent 1. */
export const alice: AgentIndex = 0;
export const bob: AgentIndex = 1;

/**
 * The dialogue as stored: the task's prefix, then the annotation's acts and any selections,
 * replayed through the shared rules (so a corrupted store shows up as an error, not a bad view).
 */
export function replay(
  task: Task,
  annotation: Pick<Annotation, 'turns' | 'aliceSelection' | 'bobSelection'>,
): DialogueState {
  const context = {
    counts: task.counts,
    utilities: [task.aliceUtilities, task.bobUtilities] as [number[], number[]],
  };
  let state = startDialogue(getDomain(task.domain), context, task.firstSpeaker as AgentIndex);
  for (const turn of [...prefixTurns(task), ...annotation.turns]) {
    state = applyAct(state, turn.speaker as AgentIndex, turn.act as Act);
  }
  if (state.outcome === null && state.endedBy !== null) {
    if (annotation.aliceSelection !== undefined) {
      state = applySelection(state, alice, annotation.aliceSelection as Allocation | null);
    }
    if (annotation.bobSelection !== undefined) {
      state = applySelection(state, bob, annotation.bobSelection as Allocation | null);
    }
  }
  return state;
}

/** Same act, whatever the key order it was written with. */
export function actsEqual(a: unknown, b: unknown): boolean {
  return a !== null && b !== null && formatAct(a as Act) === formatAct(b as Act);
}
