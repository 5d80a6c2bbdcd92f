import { dialogueRecordSchema, type DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { recordFromState } from '../../shared/corpus/recordConversion';
import type { Task } from '../tasks/taskModel';
import type { Annotation } from './annotationModel';
import { actsEqual, replay } from './annotationState';

/**
 * A finished annotation as a dialogue record for D′ (source `annotation`): the whole dialogue
 * (prefix and continuation), and provenance that says where every part came from — the task
 * and the self-play dialogue it was cut from, the worker, the round, the models, who played
 * Alice, the timings of Bob's turns and which ASTRA suggestions the worker followed.
 */
export function annotationRecord(task: Task, annotation: Annotation): DialogueRecord {
  const state = replay(task, annotation);
  const taskId = task._id.toHexString();
  const bobTurns = annotation.turns
    .map((turn, index) => ({ turn, index }))
    .filter(({ turn }) => turn.speaker === 1);
  const record = recordFromState(state, {
    id: `annotation-${annotation._id.toHexString()}`,
    source: 'annotation',
    provenance: {
      taskId,
      annotator: annotation.workerId,
      parentId: task.source.dialogueId,
      // An evaluation dialogue starts empty: nothing was cut.
      ...(task.prefix.length === 0 ? {} : { cutAt: task.source.cutAt }),
      round: task.roundId ?? null,
      models: { alice: task.models.alice, bob: task.models.bob },
      alice: { kind: task.alice.kind, name: task.alice.name },
      // Turns where the task's neural Alice was too slow or failed and ASTRA answered for her.
      ...aliceFallbacks(task, annotation),
      gold: task.gold,
      timings: {
        startedAt: annotation.startedAt.toISOString(),
        endedAt: (annotation.endedAt ?? new Date()).toISOString(),
        // How long the worker took for each of their acts, from the act before it.
        bobTurnMs: bobTurns.map(({ turn, index }) => {
          const before = index === 0 ? annotation.startedAt : annotation.turns[index - 1]?.at;
          return turn.at.getTime() - (before ?? annotation.startedAt).getTime();
        }),
      },
      suggestions: bobTurns
        .filter(({ turn }) => turn.suggested !== null && turn.suggested !== undefined)
        .map(({ turn, index }) => ({
          turn: task.prefix.length + index,
          suggested: turn.suggested as unknown,
          followed: actsEqual(turn.suggested, turn.act),
        })),
    },
  });
  // Never store a record the format would reject.
  return dialogueRecordSchema.parse(record);
}

function aliceFallbacks(task: Task, annotation: Annotation) {
  const fallbacks = annotation.turns.flatMap((turn, index) => {
    const playedBy = turn.playedBy as { fallback?: string | null } | null | undefined;
    return turn.speaker === 0 && typeof playedBy?.fallback === 'string'
      ? [{ turn: task.prefix.length + index, playedBy: 'astra', reason: playedBy.fallback }]
      : [];
  });
  return fallbacks.length === 0 ? {} : { aliceFallbacks: fallbacks };
}
