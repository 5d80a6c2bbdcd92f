import type { Connection } from 'mongoose';
import type { RateAckData, RatePayload } from '../../shared/protocol/evaluation';
import { annotationModel } from '../annotation/annotationModel';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { taskModel, type Task } from '../tasks/taskModel';
import { questionnaireOf } from './evaluationSettings';
import { evaluationRatingModel } from './evaluationRatingModel';
import { isDuplicateKey } from './evaluationTasks';
import { findStudy, type Study } from './studyModel';
import { studyCompletion } from './studyProgress';

/** Every Likert question answered with 1–5, open ones optional, nothing else. */
function checkAnswers(study: Study, answers: RatePayload['answers']): void {
  const questions = questionnaireOf(study);
  const problems: { path: string; message: string }[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) {
      problems.push({ path: `answers.${id}`, message: 'not a question of this study' });
    }
  }
  for (const q of questions) {
    const answer = answers[q.id];
    if (q.kind === 'likert' && typeof answer !== 'number') {
      problems.push({ path: `answers.${q.id}`, message: 'answer on the 1–5 scale' });
    }
    if (q.kind === 'open' && answer !== undefined && typeof answer !== 'string') {
      problems.push({ path: `answers.${q.id}`, message: 'an open question takes text' });
    }
  }
  if (problems.length > 0) {
    throw new ValidationError('Answer every question on its scale.', problems);
  }
}

/**
 * Stores a participant's answers about one of their finished evaluation dialogues, once, and
 * tells them what is left (and, after the last, their completion code). Another worker's task,
 * or one that is not an evaluation dialogue, is the same 404 as a missing one.
 */
export async function rateDialogue(
  connection: Connection,
  workerId: string,
  payload: RatePayload,
  now = new Date(),
): Promise<RateAckData> {
  const task = await taskModel(connection).findById(payload.taskId).lean<Task>().exec();
  const evaluation = task?.evaluation ?? null;
  if (task === null || evaluation === null || task.reservedFor !== workerId) {
    throw new NotFoundError(`No evaluation dialogue ${payload.taskId} of yours.`);
  }
  const study = await findStudy(connection, evaluation.studyId);
  if (study === null) {
    throw new NotFoundError(`No evaluation dialogue ${payload.taskId} of yours.`);
  }
  const finished = await annotationModel(connection)
    .exists({ taskId: payload.taskId, workerId, status: 'completed' })
    .exec();
  if (finished === null) {
    throw new ConflictError('Finish the negotiation before rating your partner.');
  }
  checkAnswers(study, payload.answers);
  try {
    await evaluationRatingModel(connection).create({
      _id: payload.taskId,
      studyId: study._id,
      participantId: evaluation.participantId,
      workerId,
      agent: evaluation.agent,
      position: evaluation.position,
      answers: payload.answers,
      createdAt: now,
    });
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw new ConflictError('You have already answered the questions about this partner.');
    }
    throw error;
  }
  const rated = await evaluationRatingModel(connection)
    .countDocuments({ workerId, studyId: study._id })
    .exec();
  const completion = await studyCompletion(connection, workerId);
  return {
    remaining: Math.max(0, study.tasksPerParticipant - rated),
    ...(completion === null
      ? {}
      : {
          completionCode: completion.completionCode,
          ...(completion.redirectUrl === undefined
            ? {}
            : { completionUrl: completion.redirectUrl }),
          ...(completion.mturkSubmit === undefined ? {} : { mturkSubmit: completion.mturkSubmit }),
        }),
  };
}
