import { annotationModel } from '../platform/annotation/annotationModel';
import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { enqueueRoundJob, moveRound, updateRoundIn } from '../platform/rounds/roundPipeline';
import { taskModel } from '../platform/tasks/taskModel';
import { pipelineOf, roundInStage, type RoundWorkDeps } from './roundWork';

/**
 * `round.annotating`: counts the round's completed human annotations into its progress, and once
 * every human task has its r completed annotations (their dialogue records written, their quality
 * checks done, none left pending for a reviewer) moves the round on to retraining. Until then it snoozes (the same job runs again a moment
 * later): a short look each time, never a lease held while people work.
 */
export async function annotatingStage(
  deps: RoundWorkDeps,
  roundId: string,
  _context: JobContext,
): Promise<JobOutcome> {
  const gate = await roundInStage(deps, roundId, 'annotating');
  if ('outcome' in gate) {
    return gate.outcome;
  }
  const plan = pipelineOf(gate.round).plan ?? {
    humanTasks: 0,
    oracleAnnotations: 0,
    humanSlots: 0,
  };
  const tasks = await taskModel(deps.connection)
    .find({ roundId }, { redundancy: 1, completedCount: 1 })
    .lean()
    .exec();
  const completed = await annotationModel(deps.connection)
    .find({ roundId, status: 'completed' }, { recordWritten: 1, checkedAt: 1, 'review.status': 1 })
    .lean()
    .exec();
  const humanDone = tasks.reduce((sum, t) => sum + Math.min(t.completedCount, t.redundancy), 0);
  await updateRoundIn(deps.connection, roundId, 'annotating', {
    'progress.annotating.done': humanDone + plan.oracleAnnotations,
  });
  // Retraining waits for the quality checks and for reviewers' decisions on what the checks
  // flagged: an annotation still pending could be accepted, and would then be missing from D′.
  const awaitingReview = completed.filter(
    (a) => !a.checkedAt || a.review?.status === 'pending',
  ).length;
  const finished =
    tasks.length === plan.humanTasks &&
    tasks.every((t) => t.completedCount >= t.redundancy) &&
    completed.every((a) => a.recordWritten) &&
    awaitingReview === 0;
  if (!finished) {
    return {
      status: 'snooze',
      runAfterMs: deps.settings.annotatingPollMs,
      result: { waiting: true, humanDone, awaitingReview },
    };
  }
  await enqueueRoundJob(deps.connection, 'round.retrain', roundId);
  await moveRound(deps.connection, roundId, 'annotating', 'retraining', {
    'progress.retraining': { done: 0, total: 2 },
  });
  return { status: 'done', result: { humanDone } };
}
