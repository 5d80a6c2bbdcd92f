import { timingSafeEqual } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { studyEnterBodySchema } from '../../shared/protocol/studies';
import {
  AccountBlockedError,
  EntryReplayedError,
  EntryUnverifiedError,
  StudyClosedError,
  StudyFullError,
} from '../errors';
import type { User } from '../users/userModel';
import { findOrCreateStudyWorker } from '../users/userService';
import {
  codeKey,
  participantKey,
  studyCodeModel,
  studyModel,
  studyParticipantModel,
  type Study,
  type StudyParticipant,
} from './studyModel';
import { signParticipant } from './studyService';

type EnterBody = z.output<typeof studyEnterBodySchema>;

const duplicateKey = 11000;

/** Whether `sig` is the participant's HMAC under the study's secret (constant time). */
export function validSignature(secret: string, participantId: string, sig: string): boolean {
  const expected = Buffer.from(signParticipant(secret, participantId), 'hex');
  const given = Buffer.from(sig, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Verified crowd entry (`POST /api/study/enter`). The rules, in order:
 *
 * 1. the study exists and is open (else `study_closed`);
 * 2. a signature, when given, must be the participant's HMAC (else `entry_unverified`);
 * 3. a participant already admitted may come back with a valid signature (it resumes their
 *    account); a one-time code never admits twice (`entry_replayed`), not even its own holder;
 * 4. a new participant takes one place of the quota — one conditional update
 *    `entered < quota`, so parallel entries cannot overshoot (`study_full`) — and then, with a
 *    code, consumes it by one conditional update `usedBy: null` (unknown: `entry_unverified`;
 *    used: `entry_replayed`); a refusal gives the place back;
 * 5. the worker account of study + participant is found or created; a blocked one is refused.
 */
export async function enterStudy(
  connection: Connection,
  body: EnterBody,
  now = new Date(),
): Promise<User> {
  const studies = studyModel(connection);
  const participants = studyParticipantModel(connection);
  const study = await studies.findById(body.studyId).lean<Study>().exec();
  if (study === null || study.status !== 'open') {
    throw new StudyClosedError(
      study?.status === 'paused'
        ? 'This study is paused; try again later or contact the study team.'
        : `There is no open study "${body.studyId}".`,
    );
  }
  if (body.sig !== undefined && !validSignature(study.secret, body.participantId, body.sig)) {
    throw new EntryUnverifiedError(
      'This study link is not valid (its signature does not match); use the link you were given.',
    );
  }
  const key = participantKey(study._id, body.participantId);
  const known = await participants.findById(key).lean<StudyParticipant>().exec();
  if (known !== null) {
    if (body.sig === undefined) {
      throw new EntryReplayedError(
        'You have already entered this study with a one-time code, which works once; use the same browser, or contact the study team.',
      );
    }
    await participants.updateOne({ _id: key }, { $set: { lastEntryAt: now } }).exec();
    return await admitted(connection, study, body);
  }

  if (!(await takePlace(connection, study))) {
    const again = await studies.findById(study._id).lean<Study>().exec();
    throw again?.status === 'open' ? new StudyFullError() : new StudyClosedError();
  }
  const giveBack = () => studies.updateOne({ _id: study._id }, { $inc: { entered: -1 } }).exec();
  try {
    if (body.sig === undefined) {
      await consumeCode(connection, study._id, body.code ?? '', body.participantId, now);
    }
    await participants.create({
      _id: key,
      studyId: study._id,
      participantId: body.participantId,
      userId: '',
      platform: body.platform,
      via: body.sig === undefined ? 'code' : 'signature',
      sessionId: body.sessionId ?? null,
      platformStudyId: body.platformStudyId ?? null,
      assignmentId: body.assignmentId ?? null,
      hitId: body.hitId ?? null,
      turkSubmitTo: body.turkSubmitTo ?? null,
      enteredAt: now,
      lastEntryAt: now,
    });
  } catch (error) {
    await giveBack();
    if ((error as { code?: unknown }).code === duplicateKey) {
      // The same participant's parallel first entry won: with a signature, this one resumes.
      if (body.sig !== undefined) {
        return await admitted(connection, study, body);
      }
      throw new EntryReplayedError();
    }
    throw error;
  }
  return await admitted(connection, study, body);
}

/**
 * One place of the quota: a conditional increment on the quota it read (no `$expr`, which not
 * every MongoDB-compatible server has); a quota edited meanwhile is read again.
 */
async function takePlace(connection: Connection, study: Study): Promise<boolean> {
  const studies = studyModel(connection);
  let quota = study.quota;
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await studies
      .updateOne(
        { _id: study._id, status: 'open', quota, entered: { $lt: quota } },
        { $inc: { entered: 1 } },
      )
      .exec();
    if (taken.modifiedCount === 1) {
      return true;
    }
    const current = await studies.findById(study._id).lean<Study>().exec();
    if (current === null || current.status !== 'open' || current.quota === quota) {
      return false;
    }
    quota = current.quota;
  }
  return false;
}

async function consumeCode(
  connection: Connection,
  studyId: string,
  code: string,
  participantId: string,
  now: Date,
): Promise<void> {
  const codes = studyCodeModel(connection);
  const used = await codes
    .findOneAndUpdate(
      { _id: codeKey(studyId, code), usedBy: null },
      { $set: { usedBy: participantId, usedAt: now } },
      { new: true },
    )
    .lean()
    .exec();
  if (used !== null) {
    return;
  }
  const exists = await codes.countDocuments({ _id: codeKey(studyId, code) }).exec();
  throw exists > 0
    ? new EntryReplayedError()
    : new EntryUnverifiedError(
        'This one-time code is not one of this study’s; check it and try again.',
      );
}

async function admitted(connection: Connection, study: Study, body: EnterBody): Promise<User> {
  const user = await findOrCreateStudyWorker(connection, {
    studyId: study._id,
    externalWorkerId: body.participantId,
  });
  if (user.blocked) {
    throw new AccountBlockedError();
  }
  await studyParticipantModel(connection)
    .updateOne(
      { _id: participantKey(study._id, body.participantId) },
      { $set: { userId: user._id.toHexString() } },
    )
    .exec();
  return user;
}
