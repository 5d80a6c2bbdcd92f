import { Schema, type Connection, type Model } from 'mongoose';
import type { Context, DomainId } from '../../shared/domain/types';
import type { Question } from '../../shared/protocol/evaluation';
import {
  studyKinds,
  studyPlatforms,
  studyStatuses,
  type StudyKind,
  type StudyPlatform,
  type StudyStatus,
} from '../../shared/protocol/studies';

/**
 * A crowd study (a Prolific/MTurk project, issue 17), owned by the researcher who created it.
 * Its `secret` keys the HMAC of signed entry links; `entered` counts distinct participants
 * admitted, raised by one conditional update against `quota` (platform/studies/studyEntry.ts).
 */
export interface Study {
  _id: string;
  /** The creating researcher's user id; null only for the demo study of an empty database. */
  owner: string | null;
  name: string;
  kind: StudyKind;
  status: StudyStatus;
  quota: number;
  tasksPerParticipant: number;
  completionCode: string;
  roundIds: string[];
  evaluation: {
    domain: DomainId;
    /** The compared agents: checkpoint versions, `astra`, `scripted:<name>`. */
    checkpoints: string[];
    // Absent in evaluation studies stored before they could run (read them through
    // `evaluationSettingsOf`, platform/studies/evaluationSettings.ts, which fills the defaults).
    dialoguesPerModel?: number;
    questionnaire?: Question[];
    /** The study's own contexts; null: drawn from the domain's generator. */
    contexts?: Context[] | null;
  } | null;
  /** Evaluation seats handed out: the next participant's index in the counterbalanced order. */
  seats: number;
  secret: string;
  entered: number;
  createdAt: Date;
  updatedAt: Date;
}

const studySchema = new Schema<Study>(
  {
    _id: { type: String, required: true },
    owner: { type: String, default: null, index: true },
    name: { type: String, required: true },
    kind: { type: String, enum: studyKinds, required: true },
    status: { type: String, enum: studyStatuses, required: true },
    quota: { type: Number, required: true },
    tasksPerParticipant: { type: Number, required: true },
    completionCode: { type: String, required: true },
    roundIds: { type: [String], default: [] },
    evaluation: {
      type: new Schema(
        {
          domain: { type: String, required: true },
          checkpoints: { type: [String], default: [] },
          dialoguesPerModel: { type: Number, default: 1 },
          // Validated by the contract's schema on the way in; stored as given.
          questionnaire: { type: [Schema.Types.Mixed], default: [] },
          contexts: { type: [Schema.Types.Mixed], default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    secret: { type: String, required: true },
    entered: { type: Number, required: true, default: 0 },
    seats: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true, default: () => new Date() },
    updatedAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

export function studyModel(connection: Connection): Model<Study> {
  return (
    (connection.models.Study as Model<Study> | undefined) ??
    connection.model<Study>('Study', studySchema, 'studies')
  );
}

export function findStudy(connection: Connection, studyId: string): Promise<Study | null> {
  return studyModel(connection).findById(studyId).lean<Study>().exec();
}

/**
 * One participant of one study (`<studyId>:<participantId>`): created on their first verified
 * entry, so the quota counts distinct participants; the platform fields feed the export and
 * the completion redirect.
 */
export interface StudyParticipant {
  _id: string;
  studyId: string;
  participantId: string;
  userId: string;
  platform: StudyPlatform;
  /** How they got in first: a signed link or a one-time code. */
  via: 'signature' | 'code';
  sessionId: string | null;
  platformStudyId: string | null;
  assignmentId: string | null;
  hitId: string | null;
  turkSubmitTo: string | null;
  /** An evaluation study's participant: their index in the counterbalanced order, set once. */
  evaluationIndex: number | null;
  enteredAt: Date;
  lastEntryAt: Date;
}

const participantSchema = new Schema<StudyParticipant>(
  {
    _id: { type: String, required: true },
    studyId: { type: String, required: true, index: true },
    participantId: { type: String, required: true },
    // Set once the worker account exists (right after the record; empty until then).
    userId: { type: String, default: '', index: true },
    platform: { type: String, enum: studyPlatforms, required: true },
    via: { type: String, enum: ['signature', 'code'], required: true },
    sessionId: { type: String, default: null },
    platformStudyId: { type: String, default: null },
    assignmentId: { type: String, default: null },
    hitId: { type: String, default: null },
    turkSubmitTo: { type: String, default: null },
    evaluationIndex: { type: Number, default: null },
    enteredAt: { type: Date, required: true },
    lastEntryAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function studyParticipantModel(connection: Connection): Model<StudyParticipant> {
  return (
    (connection.models.StudyParticipant as Model<StudyParticipant> | undefined) ??
    connection.model<StudyParticipant>('StudyParticipant', participantSchema, 'studyParticipants')
  );
}

export const participantKey = (studyId: string, participantId: string) =>
  `${studyId}:${participantId}`;

/** A one-time entry code (`<studyId>:<code>`); `usedBy` is set once, by a conditional update. */
export interface StudyCode {
  _id: string;
  studyId: string;
  code: string;
  usedBy: string | null;
  usedAt: Date | null;
  createdAt: Date;
}

const codeSchema = new Schema<StudyCode>(
  {
    _id: { type: String, required: true },
    studyId: { type: String, required: true, index: true },
    code: { type: String, required: true },
    usedBy: { type: String, default: null },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function studyCodeModel(connection: Connection): Model<StudyCode> {
  return (
    (connection.models.StudyCode as Model<StudyCode> | undefined) ??
    connection.model<StudyCode>('StudyCode', codeSchema, 'studyCodes')
  );
}

export const codeKey = (studyId: string, code: string) => `${studyId}:${code}`;
