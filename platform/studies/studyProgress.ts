import type { Connection } from 'mongoose';
import {
  prolificCompletionUrl,
  type ParticipantState,
  type StudyCompletion,
} from '../../shared/protocol/studies';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import { findUserById } from '../users/userService';
import { evaluationRatingModel } from './evaluationRatingModel';
import {
  participantKey,
  studyModel,
  studyParticipantModel,
  type Study,
  type StudyParticipant,
} from './studyModel';

type Membership = { studyId: string; externalWorkerId: string } | null;

/** Per connection, each user's study membership as read (bounded: cleared when full). */
const memberships = new WeakMap<Connection, Map<string, Membership>>();

/**
 * The study a user entered through, or null: set when a study account is made and never
 * changed, so each process reads it once per user (every claim and every completion asks).
 * A user that does not exist is null and not remembered.
 */
async function membershipOf(connection: Connection, workerId: string): Promise<Membership> {
  let known = memberships.get(connection);
  if (known === undefined) {
    known = new Map();
    memberships.set(connection, known);
  }
  const remembered = known.get(workerId);
  if (remembered !== undefined) {
    return remembered;
  }
  const user = await findUserById(connection, workerId);
  if (user === null) {
    return null;
  }
  const membership =
    user.study === null || user.study === undefined
      ? null
      : { studyId: user.study.studyId, externalWorkerId: user.study.externalWorkerId };
  if (known.size >= 10_000) {
    known.clear();
  }
  known.set(workerId, membership);
  return membership;
}

/**
 * What a study participant sees when a task ends: nothing until they have completed the study's
 * tasks per participant, then its completion code and where their platform wants them back
 * (Prolific: a link; MTurk: the `externalSubmit` form with their assignment id).
 */
export async function studyCompletion(
  connection: Connection,
  workerId: string,
): Promise<StudyCompletion | null> {
  const membership = await membershipOf(connection, workerId);
  if (membership === null) {
    return null;
  }
  const { studyId, externalWorkerId } = membership;
  const [study, participant] = await Promise.all([
    studyModel(connection).findById(studyId).lean<Study>().exec(),
    studyParticipantModel(connection)
      .findById(participantKey(studyId, externalWorkerId))
      .lean<StudyParticipant>()
      .exec(),
  ]);
  if (study === null) {
    return null;
  }
  if ((await progressOf(connection, study, workerId)) < study.tasksPerParticipant) {
    return null;
  }
  return completionFor(study.completionCode, participant);
}

/**
 * How far a participant is: completed annotations; in an evaluation study, rated dialogues (a
 * dialogue counts once its questionnaire is answered).
 */
async function progressOf(connection: Connection, study: Study, workerId: string) {
  return study.kind === 'evaluation'
    ? evaluationRatingModel(connection).countDocuments({ workerId, studyId: study._id }).exec()
    : annotationModel(connection).countDocuments({ workerId, status: 'completed' }).exec();
}

export interface StudyClaimScope {
  roundIds: string[] | null;
  done: boolean;
  /** An evaluation study's participant: they claim only their own dialogues. */
  evaluation: { study: Study; participant: StudyParticipant } | null;
}

/**
 * What a study participant may claim: the tasks of their study's rounds (`roundIds` null: any,
 * for a study bound to no round — the demo study), or in an evaluation study their own
 * dialogues, and nothing once `done` or while the study is not open (paused, closed). Null for
 * everyone who did not enter through a study.
 */
export async function studyClaimScope(
  connection: Connection,
  workerId: string,
): Promise<StudyClaimScope | null> {
  const membership = await membershipOf(connection, workerId);
  if (membership === null) {
    return null;
  }
  const { studyId, externalWorkerId } = membership;
  const study = await studyModel(connection).findById(studyId).lean<Study>().exec();
  if (study === null) {
    return { roundIds: [], done: true, evaluation: null };
  }
  const done =
    (await progressOf(connection, study, workerId)) >= study.tasksPerParticipant ||
    study.status !== 'open';
  let evaluation: StudyClaimScope['evaluation'] = null;
  if (study.kind === 'evaluation') {
    const participant = await studyParticipantModel(connection)
      .findById(participantKey(studyId, externalWorkerId))
      .lean<StudyParticipant>()
      .exec();
    if (participant === null) {
      return { roundIds: [], done: true, evaluation: null };
    }
    evaluation = { study, participant };
  }
  return {
    roundIds: study.roundIds.length === 0 ? null : [...study.roundIds],
    done,
    evaluation,
  };
}

export function completionFor(
  completionCode: string,
  participant: Pick<StudyParticipant, 'platform' | 'assignmentId' | 'turkSubmitTo'> | null,
): StudyCompletion {
  if (participant?.platform === 'prolific') {
    return { completionCode, redirectUrl: prolificCompletionUrl(completionCode) };
  }
  if (participant?.platform === 'mturk' && participant.assignmentId !== null) {
    return {
      completionCode,
      mturkSubmit: {
        action: `${participant.turkSubmitTo ?? 'https://www.mturk.com'}/mturk/externalSubmit`,
        assignmentId: participant.assignmentId,
      },
    };
  }
  return { completionCode };
}

export interface ParticipantRow {
  participantId: string;
  platform: string;
  state: ParticipantState;
  tasksCompleted: number;
  tasksAbandoned: number;
  enteredAt: Date;
  lastActivityAt: Date;
  /** Seconds between the start and the end (or last act) of each of their tasks, summed. */
  secondsOnTask: number;
  sessionId: string | null;
  assignmentId: string | null;
  hitId: string | null;
}

/**
 * Each participant's state for payment: `completed` (reached the tasks per participant),
 * `returned` (not completed, and they gave their last task up: they left), `timed_out` (not
 * completed, no activity for `timeoutMs`), or `in_progress`. Time on task sums each task's
 * start to its end (or last act).
 */
export async function participantRows(
  connection: Connection,
  study: Study,
  options: { timeoutMs: number; now?: Date },
): Promise<ParticipantRow[]> {
  const now = options.now ?? new Date();
  const participants = await studyParticipantModel(connection)
    .find({ studyId: study._id })
    .sort({ enteredAt: 1, _id: 1 })
    .lean<StudyParticipant[]>()
    .exec();
  const userIds = participants.map((p) => p.userId).filter((id) => id !== '');
  const annotations = await annotationModel(connection)
    .find(
      { workerId: { $in: userIds } },
      { workerId: 1, status: 1, startedAt: 1, endedAt: 1, 'turns.at': 1 },
    )
    .lean<Pick<Annotation, 'workerId' | 'status' | 'startedAt' | 'endedAt' | 'turns'>[]>()
    .exec();
  // An evaluation participant is done when every dialogue is rated, not merely negotiated.
  const rated = new Map<string, number>();
  if (study.kind === 'evaluation') {
    const ratings = await evaluationRatingModel(connection)
      .find({ studyId: study._id }, { workerId: 1 })
      .lean()
      .exec();
    for (const r of ratings) {
      rated.set(r.workerId, (rated.get(r.workerId) ?? 0) + 1);
    }
  }
  const byWorker = new Map<string, typeof annotations>();
  for (const a of annotations) {
    byWorker.set(a.workerId, [...(byWorker.get(a.workerId) ?? []), a]);
  }
  return participants.map((p) => {
    const own = (byWorker.get(p.userId) ?? []).sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime(),
    );
    let last = p.lastEntryAt.getTime();
    let seconds = 0;
    for (const a of own) {
      const lastTurn = a.turns.reduce((t, turn) => Math.max(t, new Date(turn.at).getTime()), 0);
      const end = Math.max(a.endedAt?.getTime() ?? 0, lastTurn, a.startedAt.getTime());
      seconds += (end - a.startedAt.getTime()) / 1000;
      last = Math.max(last, end);
    }
    const completed = own.filter((a) => a.status === 'completed').length;
    const abandoned = own.filter((a) => a.status === 'abandoned' || a.status === 'expired').length;
    const lastTask = own.at(-1);
    const idle = now.getTime() - last >= options.timeoutMs;
    const progress = study.kind === 'evaluation' ? (rated.get(p.userId) ?? 0) : completed;
    const state: ParticipantState =
      progress >= study.tasksPerParticipant
        ? 'completed'
        : lastTask !== undefined && lastTask.status === 'abandoned'
          ? 'returned'
          : idle
            ? 'timed_out'
            : 'in_progress';
    return {
      participantId: p.participantId,
      platform: p.platform,
      state,
      tasksCompleted: completed,
      tasksAbandoned: abandoned,
      enteredAt: p.enteredAt,
      lastActivityAt: new Date(last),
      secondsOnTask: Math.round(seconds),
      sessionId: p.sessionId,
      assignmentId: p.assignmentId,
      hitId: p.hitId,
    };
  });
}

const csvColumns = [
  'participant_id',
  'platform',
  'status',
  'tasks_completed',
  'tasks_abandoned',
  'entered_at',
  'last_activity_at',
  'seconds_on_task',
  'session_id',
  'assignment_id',
  'hit_id',
] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; formula starts defused. */
export function csvField(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  let text = String(value);
  if (/^[=+@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function participantsCsv(rows: readonly ParticipantRow[]): string {
  return csvLines([
    csvColumns,
    ...rows.map((r) => [
      r.participantId,
      r.platform,
      r.state,
      r.tasksCompleted,
      r.tasksAbandoned,
      r.enteredAt.toISOString(),
      r.lastActivityAt.toISOString(),
      r.secondsOnTask,
      r.sessionId,
      r.assignmentId,
      r.hitId,
    ]),
  ]);
}
