import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Context, DomainId } from '../../shared/domain/types';
import type {
  StudyAction,
  StudyStatus,
  StudyView,
  createStudyBodySchema,
  updateStudyBodySchema,
} from '../../shared/protocol/studies';
import type { z } from 'zod';
import type { SessionUser } from '../auth/sessionUser';
import {
  assertContexts,
  assertUsableAgent,
  dialoguesOf,
  evaluationView,
} from './evaluationSettings';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { recordAudit } from '../review/auditLog';
import { roundModel } from '../rounds/roundModel';
import { codeKey, studyCodeModel, studyModel, type Study, type StudyCode } from './studyModel';

type CreateStudy = z.output<typeof createStudyBodySchema>;
type UpdateStudy = z.output<typeof updateStudyBodySchema>;

/** A new study secret: 32 random bytes, hex. */
export function newStudySecret(): string {
  return randomBytes(32).toString('hex');
}

/** The signature of a signed entry link: HMAC-SHA256 of the participant id, hex. */
export function signParticipant(secret: string, participantId: string): string {
  return createHmac('sha256', secret).update(participantId, 'utf8').digest('hex');
}

// Capital letters and digits without the look-alikes 0/O and 1/I.
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time entry code: 12 characters of a 32-letter alphabet (60 bits). */
export function newEntryCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) {
    code += codeAlphabet[randomInt(codeAlphabet.length)];
  }
  return code;
}

/** draft → open; open → paused; paused → open; anything but closed → closed (final). */
function nextStatus(status: StudyStatus, action: StudyAction): StudyStatus | null {
  switch (action) {
    case 'open':
      return status === 'draft' || status === 'paused' ? 'open' : null;
    case 'pause':
      return status === 'open' ? 'paused' : null;
    case 'close':
      return status === 'closed' ? null : 'closed';
  }
}

export interface StudyParticipantLink {
  participantId: string;
  path: string;
}

/**
 * Researchers' studies: each belongs to the researcher who created it, and another's is the
 * same 404 as a missing one (admins see and steer all, as with rounds). Every change is
 * audited.
 */
export function createStudyService(connection: Connection) {
  const studies = studyModel(connection);
  const codes = studyCodeModel(connection);
  const isAdmin = (user: SessionUser) => user.roles.includes('admin');

  async function visible(user: SessionUser, studyId: string): Promise<Study> {
    const study = await studies.findById(studyId).lean<Study>().exec();
    if (study === null || (study.owner !== user.id && !isAdmin(user))) {
      throw new NotFoundError(`No study ${studyId}.`);
    }
    return study;
  }

  async function present(user: SessionUser, study: Study): Promise<StudyView> {
    const [total, used] = await Promise.all([
      codes.countDocuments({ studyId: study._id }).exec(),
      codes.countDocuments({ studyId: study._id, usedBy: { $ne: null } }).exec(),
    ]);
    return {
      id: study._id,
      name: study.name,
      kind: study.kind,
      status: study.status,
      ownerId: study.owner ?? '',
      quota: study.quota,
      tasksPerParticipant: study.tasksPerParticipant,
      completionCode: study.completionCode,
      roundIds: [...study.roundIds],
      evaluation: evaluationView(study.evaluation),
      entered: study.entered,
      codes: { total, used },
      secret: study.owner === user.id ? study.secret : null,
      createdAt: study.createdAt.toISOString(),
      updatedAt: study.updatedAt.toISOString(),
    };
  }

  /** Rounds the caller may see (their own; an admin: any), else the same 404 as a missing one. */
  async function assertRounds(user: SessionUser, roundIds: readonly string[]): Promise<void> {
    const filter = isAdmin(user)
      ? { _id: { $in: roundIds } }
      : { _id: { $in: roundIds }, owner: user.id };
    const found = await roundModel(connection).find(filter, { _id: 1 }).lean().exec();
    const seen = new Set(found.map((r) => String(r._id)));
    const missing = roundIds.filter((id) => !seen.has(id));
    if (missing.length > 0) {
      throw new NotFoundError(`No round ${missing.join(', ')}.`);
    }
  }

  async function assertAgents(
    user: SessionUser,
    evaluation: { domain: DomainId; checkpoints: string[]; contexts?: Context[] | null },
  ): Promise<void> {
    assertContexts(evaluation.domain, evaluation.contexts ?? null);
    for (const name of evaluation.checkpoints) {
      await assertUsableAgent(connection, user, evaluation.domain, name);
    }
  }

  async function create(user: SessionUser, body: CreateStudy): Promise<StudyView> {
    if (body.kind === 'annotation') {
      await assertRounds(user, body.roundIds);
    } else if (body.evaluation !== null) {
      await assertAgents(user, body.evaluation);
    }
    const now = new Date();
    const created = await studies.create({
      _id: `st-${randomBytes(6).toString('hex')}`,
      owner: user.id,
      name: body.name,
      kind: body.kind,
      status: 'draft',
      quota: body.quota,
      // An evaluation participant's tasks are their dialogues: one per agent and repetition.
      tasksPerParticipant:
        body.evaluation === null ? body.tasksPerParticipant : dialoguesOf(body.evaluation),
      completionCode: body.completionCode,
      roundIds: body.roundIds,
      evaluation: body.evaluation,
      secret: newStudySecret(),
      entered: 0,
      seats: 0,
      createdAt: now,
      updatedAt: now,
    });
    const study = created.toObject();
    await recordAudit(connection, user, {
      action: 'study.create',
      targetType: 'study',
      targetId: study._id,
      reason: '',
      details: { name: study.name, kind: study.kind, quota: study.quota },
    });
    return present(user, study);
  }

  /** A researcher's own studies; an admin's view is every study. Newest first. */
  async function list(user: SessionUser): Promise<StudyView[]> {
    const filter = isAdmin(user) ? {} : { owner: user.id };
    const found = await studies.find(filter).sort({ createdAt: -1 }).limit(500).lean<Study[]>();
    return Promise.all(found.map((s) => present(user, s)));
  }

  async function get(user: SessionUser, studyId: string): Promise<StudyView> {
    return present(user, await visible(user, studyId));
  }

  async function update(user: SessionUser, studyId: string, body: UpdateStudy): Promise<StudyView> {
    const study = await visible(user, studyId);
    if (study.status === 'closed') {
      throw new ConflictError('A closed study cannot be changed.');
    }
    if (body.roundIds !== undefined) {
      if (study.kind !== 'annotation') {
        throw new ValidationError('An evaluation study has checkpoints, not rounds.', [
          { path: 'roundIds', message: 'an evaluation study has checkpoints, not rounds' },
        ]);
      }
      if (body.roundIds.length === 0) {
        throw new ValidationError('An annotation study needs at least one round.', [
          { path: 'roundIds', message: 'an annotation study needs at least one round' },
        ]);
      }
      await assertRounds(user, body.roundIds);
    }
    if (body.evaluation !== undefined) {
      if (study.kind !== 'evaluation' || body.evaluation === null) {
        throw new ValidationError('Only an evaluation study has checkpoints, and needs them.', [
          { path: 'evaluation', message: 'only an evaluation study has checkpoints' },
        ]);
      }
      if (study.entered > 0) {
        // Participants already have their plans (order, contexts) over the agents they met.
        throw new ConflictError(
          'Participants have entered: the agents and questionnaire of this study are fixed.',
        );
      }
      await assertAgents(user, body.evaluation);
    }
    const evaluationTasks =
      body.evaluation === undefined || body.evaluation === null
        ? study.evaluation === null
          ? undefined
          : dialoguesOf(study.evaluation)
        : dialoguesOf(body.evaluation);
    if (body.quota !== undefined && body.quota < study.entered) {
      throw new ConflictError(
        `${study.entered} participants have already entered: the quota cannot be lower.`,
      );
    }
    const updated = await studies
      .findOneAndUpdate(
        { _id: studyId, status: { $ne: 'closed' } },
        {
          $set: {
            ...body,
            ...(evaluationTasks === undefined ? {} : { tasksPerParticipant: evaluationTasks }),
            updatedAt: new Date(),
          },
        },
        { new: true },
      )
      .lean<Study>()
      .exec();
    if (updated === null) {
      throw new ConflictError('A closed study cannot be changed.');
    }
    await recordAudit(connection, user, {
      action: 'study.update',
      targetType: 'study',
      targetId: studyId,
      reason: '',
      details: { fields: Object.keys(body) },
    });
    return present(user, updated);
  }

  /** Open, pause or close: a compare-and-set on the status it was decided from. */
  async function act(user: SessionUser, studyId: string, action: StudyAction): Promise<StudyView> {
    const study = await visible(user, studyId);
    const next = nextStatus(study.status, action);
    if (next === null) {
      throw new ConflictError(`Cannot ${action} a study that is ${study.status}.`);
    }
    const updated = await studies
      .findOneAndUpdate(
        { _id: studyId, status: study.status },
        { $set: { status: next, updatedAt: new Date() } },
        { new: true },
      )
      .lean<Study>()
      .exec();
    if (updated === null) {
      throw new ConflictError('The study changed meanwhile; reload it and try again.');
    }
    await recordAudit(connection, user, {
      action: 'study.status',
      targetType: 'study',
      targetId: studyId,
      reason: '',
      details: { from: study.status, to: next },
    });
    return present(user, updated);
  }

  /** A new secret: every signed link made with the old one stops working. Owner only. */
  async function rotateSecret(user: SessionUser, studyId: string): Promise<StudyView> {
    const study = await visible(user, studyId);
    if (study.owner !== user.id) {
      throw new NotFoundError(`No study ${studyId}.`);
    }
    const updated = await studies
      .findOneAndUpdate(
        { _id: studyId },
        { $set: { secret: newStudySecret(), updatedAt: new Date() } },
        { new: true },
      )
      .lean<Study>()
      .exec();
    if (updated === null) {
      throw new NotFoundError(`No study ${studyId}.`);
    }
    await recordAudit(connection, user, {
      action: 'study.rotate_secret',
      targetType: 'study',
      targetId: studyId,
      reason: '',
      details: {},
    });
    return present(user, updated);
  }

  /** `count` new one-time codes. */
  async function addCodes(user: SessionUser, studyId: string, count: number): Promise<string[]> {
    const study = await visible(user, studyId);
    if (study.status === 'closed') {
      throw new ConflictError('A closed study takes no new codes.');
    }
    const now = new Date();
    const made = new Set<string>();
    while (made.size < count) {
      made.add(newEntryCode());
    }
    await codes.insertMany(
      [...made].map((code) => ({
        _id: codeKey(studyId, code),
        studyId,
        code,
        usedBy: null,
        usedAt: null,
        createdAt: now,
      })),
    );
    await recordAudit(connection, user, {
      action: 'study.codes',
      targetType: 'study',
      targetId: studyId,
      reason: '',
      details: { count },
    });
    return [...made];
  }

  /** Every code of a study, oldest first (for the CSV export). */
  async function listCodes(user: SessionUser, studyId: string): Promise<StudyCode[]> {
    await visible(user, studyId);
    return codes.find({ studyId }).sort({ createdAt: 1, _id: 1 }).lean<StudyCode[]>().exec();
  }

  /** Signed entry links (paths under the server) for known participant ids. Owner only. */
  async function signedLinks(
    user: SessionUser,
    studyId: string,
    participantIds: readonly string[],
  ): Promise<StudyParticipantLink[]> {
    const study = await visible(user, studyId);
    if (study.owner !== user.id) {
      throw new NotFoundError(`No study ${studyId}.`);
    }
    return participantIds.map((participantId) => ({
      participantId,
      path: signedEntryPath(study._id, participantId, study.secret),
    }));
  }

  return {
    create,
    list,
    get,
    update,
    act,
    rotateSecret,
    addCodes,
    listCodes,
    signedLinks,
    visible,
  };
}

export type StudyService = ReturnType<typeof createStudyService>;

/** `/study/<id>?participant=<pid>&sig=<hmac>`: the web client's entry page with a signature. */
export function signedEntryPath(studyId: string, participantId: string, secret: string): string {
  const query = new URLSearchParams({
    participant: participantId,
    sig: signParticipant(secret, participantId),
  });
  return `/study/${encodeURIComponent(studyId)}?${query.toString()}`;
}

/** `/study/<id>?participant=<pid>&code=<code>`… without a participant: the code alone. */
export function codeEntryPath(studyId: string, code: string): string {
  return `/study/${encodeURIComponent(studyId)}?code=${encodeURIComponent(code)}`;
}
