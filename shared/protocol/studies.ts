import { z } from 'zod';
import { externalId } from './auth';
import { evaluationSettingsSchema, type Question } from './evaluation';

/**
 * Crowd studies (issue 17): a researcher's Prolific/MTurk project. An `annotation` study sends
 * its participants to the tasks of one or more rounds; an `evaluation` study names the
 * agents each participant negotiates with, in a counterbalanced order, rating each afterwards
 * (shared/protocol/evaluation.ts).
 */
export const studyKinds = ['annotation', 'evaluation'] as const;
export type StudyKind = (typeof studyKinds)[number];

/** draft → open ⇄ paused; any of them → closed (final). Only an open study admits anyone. */
export const studyStatuses = ['draft', 'open', 'paused', 'closed'] as const;
export type StudyStatus = (typeof studyStatuses)[number];

export const studyActions = ['open', 'pause', 'close'] as const;
export type StudyAction = (typeof studyActions)[number];

/** Where a participant comes from: the form of their link decides it. */
export const studyPlatforms = ['prolific', 'mturk', 'direct'] as const;
export type StudyPlatform = (typeof studyPlatforms)[number];

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'an id (24 hex digits)');

export const studyIdParamsSchema = z.strictObject({ studyId: externalId });

const completionCode = z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, '4 to 40 letters, digits, _ or -');

const studyFields = {
  name: z.string().trim().min(1).max(120),
  /** Distinct participants the study admits (entries beyond it are refused). */
  quota: z.number().int().min(1).max(100_000),
  /** Completed tasks after which a participant is done and gets the completion code. */
  tasksPerParticipant: z.number().int().min(1).max(100),
  /** What the crowd platform expects back (Prolific's `cc`, shown to MTurk workers). */
  completionCode,
  /** `annotation`: the rounds whose tasks participants annotate (the caller's own). */
  roundIds: z.array(objectId).max(20),
  /**
   * `evaluation`: the agents participants negotiate with (checkpoints, `astra`,
   * `scripted:<name>`), in one domain, how often each, and the questionnaire after each dialogue.
   */
  evaluation: evaluationSettingsSchema.nullable(),
};

/** `POST /api/studies`: a draft study; its id and secret are made by the server. */
export const createStudyBodySchema = z
  .strictObject({
    kind: z.enum(studyKinds),
    ...studyFields,
    roundIds: studyFields.roundIds.default([]),
    evaluation: studyFields.evaluation.default(null),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'annotation' && body.roundIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['roundIds'],
        message: 'an annotation study needs at least one round',
      });
    }
    if (body.kind === 'annotation' && body.evaluation !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation'],
        message: 'an annotation study has rounds, not checkpoints',
      });
    }
    if (body.kind === 'evaluation' && body.evaluation === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation'],
        message: 'an evaluation study needs its checkpoints',
      });
    }
    if (body.kind === 'evaluation' && body.roundIds.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['roundIds'],
        message: 'an evaluation study has checkpoints, not rounds',
      });
    }
  });
export type CreateStudyBody = z.input<typeof createStudyBodySchema>;

/** `PATCH /api/studies/:studyId`: any of the fields; the kind never changes. */
export const updateStudyBodySchema = z
  .strictObject({
    name: studyFields.name.optional(),
    quota: studyFields.quota.optional(),
    tasksPerParticipant: studyFields.tasksPerParticipant.optional(),
    completionCode: studyFields.completionCode.optional(),
    roundIds: studyFields.roundIds.optional(),
    evaluation: studyFields.evaluation.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });
export type UpdateStudyBody = z.input<typeof updateStudyBodySchema>;

/** `POST /api/studies/:studyId/codes`: more one-time entry codes. */
export const createCodesBodySchema = z.strictObject({
  count: z.number().int().min(1).max(1000),
});

/** `POST /api/studies/:studyId/links`: signed entry links for known participant ids. */
export const signedLinksBodySchema = z.strictObject({
  participantIds: z.array(externalId).min(1).max(1000),
});

/** A study as its owner (or an admin) reads it. */
export interface StudyView {
  id: string;
  name: string;
  kind: StudyKind;
  status: StudyStatus;
  ownerId: string;
  quota: number;
  tasksPerParticipant: number;
  completionCode: string;
  roundIds: string[];
  evaluation: {
    domain: string;
    checkpoints: string[];
    dialoguesPerModel: number;
    questionnaire: Question[];
    /** How many contexts the study lists; null: drawn from the domain's generator. */
    listedContexts: number | null;
  } | null;
  /** Distinct participants admitted so far (counted against the quota). */
  entered: number;
  /** One-time codes made, and how many of them were used. */
  codes: { total: number; used: number };
  /** The HMAC key of signed links: only its owner gets it (admins get null). */
  secret: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A participant's state in the export: what crowd platforms pay by. */
export const participantStates = ['completed', 'in_progress', 'returned', 'timed_out'] as const;
export type ParticipantState = (typeof participantStates)[number];

/** The signed link's signature: lower-case hex HMAC-SHA256 of the participant id. */
export const signatureSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits (HMAC-SHA256)')
  .transform((s) => s.toLowerCase());

/** A one-time entry code, as the researcher exports them. */
export const entryCodeSchema = z.string().regex(/^[A-Z0-9]{12}$/, '12 capital letters or digits');

/**
 * `POST /api/study/enter`: a crowd participant arrives from a study link. One of `sig` (a signed
 * link) or `code` (a one-time code) is required; the platform fields are kept for the export and
 * the completion redirect.
 */
export const studyEnterBodySchema = z
  .strictObject({
    studyId: externalId,
    participantId: externalId,
    sig: signatureSchema.optional(),
    code: z.string().trim().toUpperCase().pipe(entryCodeSchema).optional(),
    platform: z.enum(studyPlatforms).default('direct'),
    /** Prolific's `SESSION_ID` and `STUDY_ID`; MTurk's `assignmentId` and `hitId`. */
    sessionId: externalId.optional(),
    platformStudyId: externalId.optional(),
    assignmentId: externalId.optional(),
    hitId: externalId.optional(),
    /** MTurk's `turkSubmitTo`: only its live and sandbox hosts are accepted. */
    turkSubmitTo: z
      .string()
      .max(100)
      .transform((s) => s.replace(/\/+$/, ''))
      .pipe(z.enum(['https://www.mturk.com', 'https://workersandbox.mturk.com']))
      .optional(),
  })
  .refine((body) => body.sig !== undefined || body.code !== undefined, {
    message: 'a study link needs its signature (sig) or a one-time code (code)',
    path: ['sig'],
  });
export type StudyEnterBody = z.input<typeof studyEnterBodySchema>;

/** What a finished participant is shown: the code, and where their platform wants them back. */
export interface StudyCompletion {
  completionCode: string;
  /** Prolific: a link to follow. */
  redirectUrl?: string;
  /** MTurk: a form to post (`assignmentId` and the code) to `externalSubmit`. */
  mturkSubmit?: { action: string; assignmentId: string };
}

/** Prolific's completion address for a code. */
export function prolificCompletionUrl(code: string): string {
  return `https://app.prolific.com/submissions/complete?cc=${encodeURIComponent(code)}`;
}

/** MTurk previews a HIT with this assignment id: the worker has not accepted it yet. */
export const mturkPreviewAssignment = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/** A link's entry request; without `sig` or `code` the participant types a one-time code. */
export type EntryLink =
  | { ok: true; body: StudyEnterBody }
  | { ok: false; reason: 'no_credential'; body: StudyEnterBody }
  | { ok: false; reason: 'no_participant' | 'mturk_preview' };

/**
 * The entry request a study link's query parameters make, in each crowd platform's form:
 * Prolific (`PROLIFIC_PID`, `STUDY_ID`, `SESSION_ID`), MTurk (`workerId`, `assignmentId`,
 * `hitId`, `turkSubmitTo`) or Parley's own (`participant`); with `sig` or `code` beside them.
 * Validation of the values is the server's (the body schema above).
 */
export function entryFromQuery(studyId: string, query: URLSearchParams): EntryLink {
  const get = (name: string) => {
    const value = query.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const credential = {
    ...(get('sig') === undefined ? {} : { sig: get('sig') }),
    ...(get('code') === undefined ? {} : { code: get('code') }),
  };
  let body: StudyEnterBody;
  const prolific = get('PROLIFIC_PID');
  const mturk = get('workerId');
  // A bare code link (`?code=…`, no platform): the code names its participant.
  const bareCode = get('code');
  const direct =
    get('participant') ??
    get('worker') ??
    (bareCode === undefined ? undefined : `code-${bareCode.trim().toUpperCase()}`);
  if (prolific !== undefined) {
    body = {
      studyId,
      participantId: prolific,
      platform: 'prolific',
      ...(get('SESSION_ID') === undefined ? {} : { sessionId: get('SESSION_ID') }),
      ...(get('STUDY_ID') === undefined ? {} : { platformStudyId: get('STUDY_ID') }),
      ...credential,
    };
  } else if (mturk !== undefined || get('assignmentId') !== undefined) {
    if (get('assignmentId') === mturkPreviewAssignment) {
      return { ok: false, reason: 'mturk_preview' };
    }
    if (mturk === undefined) {
      return { ok: false, reason: 'no_participant' };
    }
    body = {
      studyId,
      participantId: mturk,
      platform: 'mturk',
      ...(get('assignmentId') === undefined ? {} : { assignmentId: get('assignmentId') }),
      ...(get('hitId') === undefined ? {} : { hitId: get('hitId') }),
      ...(get('turkSubmitTo') === undefined ? {} : { turkSubmitTo: get('turkSubmitTo') }),
      ...credential,
    };
  } else if (direct !== undefined) {
    body = { studyId, participantId: direct, platform: 'direct', ...credential };
  } else {
    return { ok: false, reason: 'no_participant' };
  }
  if (body.sig === undefined && body.code === undefined) {
    return { ok: false, reason: 'no_credential', body };
  }
  return { ok: true, body };
}
