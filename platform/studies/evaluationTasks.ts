import { createHash } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { evaluationPlan, partnerLabel } from '../../shared/evaluation/counterbalance';
import { getDomain } from '../../shared/domain/domains';
import { evaluationAgentOf, type EvaluationTaskInfo } from '../../shared/protocol/evaluation';
import { QuestionnairePendingError } from '../errors';
import { createTasks, type NewTask } from '../tasks/createTasks';
import { taskModel, type Task } from '../tasks/taskModel';
import { evaluationRatingModel } from './evaluationRatingModel';
import { evaluationSettingsOf } from './evaluationSettings';
import { studyModel, studyParticipantModel, type Study, type StudyParticipant } from './studyModel';

/**
 * The participant's index in the counterbalanced order, handed out once: the study's `seats`
 * counter is raised by one atomic update, and the participant keeps the first index written
 * (a second claim racing the first may use up a seat, never change an index).
 */
async function seatOf(connection: Connection, study: Study, participant: StudyParticipant) {
  if (participant.evaluationIndex !== null) {
    return participant.evaluationIndex;
  }
  const raised = await studyModel(connection)
    .findOneAndUpdate({ _id: study._id }, { $inc: { seats: 1 } }, { new: true })
    .lean<Study>()
    .exec();
  if (raised === null) {
    throw new Error(`study ${study._id} vanished while seating a participant`);
  }
  const participants = studyParticipantModel(connection);
  await participants
    .updateOne(
      { _id: participant._id, evaluationIndex: null },
      { $set: { evaluationIndex: raised.seats - 1 } },
    )
    .exec();
  const seated = await participants.findById(participant._id).lean<StudyParticipant>().exec();
  if (seated?.evaluationIndex === null || seated?.evaluationIndex === undefined) {
    throw new Error(`participant ${participant._id} has no evaluation seat after seating`);
  }
  return seated.evaluationIndex;
}

/** The same 24 hex digits for the same (study, participant, position): inserts are idempotent. */
function dialogueTaskId(studyId: string, participantId: string, position: number) {
  const hex = createHash('sha256')
    .update(`evaluation:${studyId}:${participantId}:${position}`)
    .digest('hex');
  return new Types.ObjectId(hex.slice(0, 24));
}

export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const inner = (error as { writeErrors?: { code?: unknown }[] } | null)?.writeErrors;
  return code === 11000 || (inner !== undefined && inner.every((e) => e.code === 11000));
}

/**
 * Before an evaluation participant's claim: refuses it while a finished dialogue's questionnaire
 * is unanswered, then makes sure their dialogues exist, one task per planned dialogue: an empty
 * prefix, the planned context and opener, the agent in Alice's seat, reserved for this worker;
 * claims take them highest `novelty` first, so novelty is −position.
 */
export async function prepareEvaluationClaim(
  connection: Connection,
  workerId: string,
  study: Study,
  participant: StudyParticipant,
): Promise<void> {
  if (study.evaluation === null) {
    throw new Error(`study ${study._id} is an evaluation study without its settings`);
  }
  const evaluation = evaluationSettingsOf(study.evaluation);
  const tasks = taskModel(connection);
  const mine = { reservedFor: workerId, 'evaluation.studyId': study._id };
  const pending = await unratedDialogue(connection, workerId, study._id);
  if (pending !== null) {
    throw new QuestionnairePendingError(pending.taskId, pending.info);
  }
  const made = await tasks.countDocuments(mine).exec();
  const total = evaluation.checkpoints.length * evaluation.dialoguesPerModel;
  if (made >= total) {
    return;
  }
  const domain = getDomain(evaluation.domain);
  const plan = evaluationPlan(domain, {
    studyId: study._id,
    participantIndex: await seatOf(connection, study, participant),
    agentCount: evaluation.checkpoints.length,
    dialoguesPerModel: evaluation.dialoguesPerModel,
    contexts: evaluation.contexts,
  });
  const newTasks: NewTask[] = plan.map((dialogue) => {
    const agent = evaluation.checkpoints[dialogue.agentIndex];
    if (agent === undefined) {
      throw new Error(
        `the plan names agent ${dialogue.agentIndex} of ${evaluation.checkpoints.length}`,
      );
    }
    return {
      _id: dialogueTaskId(study._id, participant.participantId, dialogue.position),
      roundId: null,
      domain: domain.id,
      counts: [...dialogue.context.counts],
      aliceUtilities: [...dialogue.context.utilities[0]],
      bobUtilities: [...dialogue.context.utilities[1]],
      firstSpeaker: dialogue.firstSpeaker,
      prefix: [],
      source: {
        dialogueId: `evaluation:${study._id}:${participant.participantId}:${dialogue.position}`,
        cutAt: -1,
      },
      novelty: -dialogue.position,
      models: { alice: agent, bob: 'human' },
      alice: evaluationAgentOf(agent),
      redundancy: 1,
      gold: false,
      reservedFor: workerId,
      evaluation: {
        studyId: study._id,
        participantId: participant.participantId,
        agent,
        position: dialogue.position,
        of: plan.length,
      },
    };
  });
  // One at a time, so that a set left half-made (a crash between inserts) is completed later.
  for (const task of newTasks) {
    try {
      await createTasks(connection, [task]);
    } catch (error) {
      // Another claim of this participant made it first: the ids are the plan's, so they match.
      if (!isDuplicateKey(error)) {
        throw error;
      }
    }
  }
}

/** The first finished dialogue of this participant's whose questionnaire is not answered. */
export async function unratedDialogue(
  connection: Connection,
  workerId: string,
  studyId: string,
): Promise<{ taskId: string; info: EvaluationTaskInfo } | null> {
  const finished = await taskModel(connection)
    .find({ reservedFor: workerId, 'evaluation.studyId': studyId, completedCount: { $gt: 0 } })
    .sort({ novelty: -1 })
    .lean<Task[]>()
    .exec();
  if (finished.length === 0) {
    return null;
  }
  const rated = new Set(
    (
      await evaluationRatingModel(connection)
        .find({ _id: { $in: finished.map((t) => t._id.toHexString()) } }, { _id: 1 })
        .lean()
        .exec()
    ).map((r) => r._id),
  );
  const study = await studyModel(connection).findById(studyId).lean<Study>().exec();
  const task = finished.find((t) => !rated.has(t._id.toHexString()));
  if (task === undefined || study === null) {
    return null;
  }
  const info = evaluationInfo(task, study);
  return info === null ? null : { taskId: task._id.toHexString(), info };
}

/** What the participant is told of an evaluation dialogue (null for any other task). */
export function evaluationInfo(
  task: Pick<Task, 'evaluation'>,
  study: Pick<Study, 'evaluation'> | null,
): EvaluationTaskInfo | null {
  if (task.evaluation === null || task.evaluation === undefined) {
    return null;
  }
  return {
    partner: partnerLabel(task.evaluation.position),
    position: task.evaluation.position,
    of: task.evaluation.of,
    questionnaire:
      study?.evaluation === null || study?.evaluation === undefined
        ? []
        : evaluationSettingsOf(study.evaluation).questionnaire,
  };
}
