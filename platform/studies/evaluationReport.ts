import type { Connection } from 'mongoose';
import type { Outcome } from '../../shared/dialogue/outcome';
import {
  evaluationResults,
  type EvaluatedDialogue,
} from '../../shared/evaluation/evaluationResults';
import type { EvaluationResultsView } from '../../shared/protocol/evaluation';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import { taskModel, type Task } from '../tasks/taskModel';
import { questionnaireOf } from './evaluationSettings';
import { evaluationRatingModel, type EvaluationRating } from './evaluationRatingModel';
import type { Study } from './studyModel';
import { csvLines } from './studyProgress';

/** A finished evaluation dialogue as exported: its outcome, who met whom, and the answers. */
export interface EvaluationDialogueRow extends EvaluatedDialogue {
  taskId: string;
  walkedAway: boolean;
  turns: number;
  counts: number[];
  agentUtilities: number[];
  humanUtilities: number[];
  startedAt: string;
  endedAt: string | null;
}

/**
 * Every finished dialogue of the study, read from the stored tasks, annotations and ratings (no
 * counters of their own): the results page and both exports are computed from these rows.
 */
export async function evaluationDialogueRows(
  connection: Connection,
  study: Study,
): Promise<EvaluationDialogueRow[]> {
  const tasks = await taskModel(connection)
    .find({ 'evaluation.studyId': study._id, completedCount: { $gt: 0 } })
    .lean<Task[]>()
    .exec();
  const taskIds = tasks.map((t) => t._id.toHexString());
  const [annotations, ratings] = await Promise.all([
    annotationModel(connection)
      .find({ taskId: { $in: taskIds }, status: 'completed' })
      .lean<Annotation[]>()
      .exec(),
    evaluationRatingModel(connection)
      .find({ _id: { $in: taskIds } })
      .lean<EvaluationRating[]>()
      .exec(),
  ]);
  const annotationOf = new Map(annotations.map((a) => [a.taskId, a]));
  const ratingOf = new Map(ratings.map((r) => [r._id, r]));
  const rows: EvaluationDialogueRow[] = [];
  for (const task of tasks) {
    const taskId = task._id.toHexString();
    const annotation = annotationOf.get(taskId);
    const outcome = annotation?.outcome as Outcome | null | undefined;
    if (annotation === undefined || outcome === null || outcome === undefined) {
      continue;
    }
    const evaluation = task.evaluation;
    if (evaluation === null || evaluation === undefined) {
      continue;
    }
    rows.push({
      taskId,
      agent: evaluation.agent,
      participantId: evaluation.participantId,
      position: evaluation.position,
      agreed: outcome.agreed,
      walkedAway: outcome.walkedAway,
      paretoOptimal: outcome.paretoOptimal,
      agentScore: outcome.scores[0],
      humanScore: outcome.scores[1],
      answers: ratingOf.get(taskId)?.answers ?? null,
      turns: task.prefix.length + annotation.turns.length,
      counts: [...task.counts],
      agentUtilities: [...task.aliceUtilities],
      humanUtilities: [...task.bobUtilities],
      startedAt: annotation.startedAt.toISOString(),
      endedAt: annotation.endedAt?.toISOString() ?? null,
    });
  }
  return rows.sort(
    (a, b) => a.participantId.localeCompare(b.participantId) || a.position - b.position,
  );
}

export function evaluationResultsView(
  study: Study,
  rows: readonly EvaluationDialogueRow[],
): EvaluationResultsView {
  const questionnaire = questionnaireOf(study);
  return {
    studyId: study._id,
    questionnaire: questionnaire.map((q) => ({ ...q })),
    agents: evaluationResults(study.evaluation?.checkpoints ?? [], questionnaire, rows),
    participants: new Set(rows.map((r) => r.participantId)).size,
  };
}

/** One JSON object per line and dialogue. */
export function evaluationJsonl(rows: readonly EvaluationDialogueRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** One line per dialogue: the outcome, then one column per question. */
export function evaluationCsv(study: Study, rows: readonly EvaluationDialogueRow[]): string {
  const questions = questionnaireOf(study);
  return csvLines([
    [
      'participant_id',
      'position',
      'agent',
      'task_id',
      'agreed',
      'walked_away',
      'pareto_optimal',
      'agent_score',
      'human_score',
      'advantage',
      'turns',
      'started_at',
      'ended_at',
      ...questions.map((q) => `q_${q.id}`),
    ],
    ...rows.map((r) => [
      r.participantId,
      r.position,
      r.agent,
      r.taskId,
      r.agreed ? 1 : 0,
      r.walkedAway ? 1 : 0,
      r.paretoOptimal === null ? null : r.paretoOptimal ? 1 : 0,
      r.agentScore,
      r.humanScore,
      r.agentScore - r.humanScore,
      r.turns,
      r.startedAt,
      r.endedAt,
      ...questions.map((q) => r.answers?.[q.id] ?? null),
    ]),
  ]);
}
