import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Role } from '../../shared/protocol/roles';
import type { StudyStatus } from '../../shared/protocol/studies';
import { studyModel } from '../../platform/studies/studyModel';
import { newStudySecret, signParticipant } from '../../platform/studies/studyService';
import { createUser } from '../../platform/users/userService';

export const testPassword = 'correct horse battery staple';

/** A user with a unique name and the test password. */
export async function createTestUser(
  connection: Connection,
  roles: Role[] = ['worker'],
): Promise<{ id: string; username: string; password: string }> {
  const username = `${roles[0] ?? 'user'}-${randomUUID().slice(0, 8)}`;
  const user = await createUser(connection, { username, password: testPassword, roles });
  return { id: user._id.toHexString(), username, password: testPassword };
}

/** An open study (bound to no round, like the demo one) with a fresh secret. */
export async function createTestStudy(
  connection: Connection,
  options: {
    open?: boolean;
    status?: StudyStatus;
    quota?: number;
    tasksPerParticipant?: number;
    owner?: string | null;
  } = {},
): Promise<{ studyId: string; completionCode: string; secret: string }> {
  const studyId = `study-${randomUUID().slice(0, 8)}`;
  const completionCode = `CODE-${randomUUID().slice(0, 6).toUpperCase()}`;
  const secret = newStudySecret();
  const now = new Date();
  await studyModel(connection).create({
    _id: studyId,
    owner: options.owner ?? null,
    name: 'Test study',
    kind: 'annotation',
    status: options.status ?? (options.open === false ? 'closed' : 'open'),
    quota: options.quota ?? 1000,
    tasksPerParticipant: options.tasksPerParticipant ?? 1,
    completionCode,
    roundIds: [],
    evaluation: null,
    secret,
    entered: 0,
    createdAt: now,
    updatedAt: now,
  });
  return { studyId, completionCode, secret };
}

/** The body of a signed entry of `participantId` into a study (`POST /api/study/enter`). */
export function signedEntry(
  study: { studyId: string; secret: string },
  participantId: string,
): { studyId: string; participantId: string; sig: string } {
  return {
    studyId: study.studyId,
    participantId,
    sig: signParticipant(study.secret, participantId),
  };
}
