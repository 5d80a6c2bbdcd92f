import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Role } from '../../shared/protocol/roles';
import { studyModel } from '../../platform/studies/studyModel';
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

export async function createTestStudy(
  connection: Connection,
  options: { open?: boolean } = {},
): Promise<{ studyId: string; completionCode: string }> {
  const studyId = `study-${randomUUID().slice(0, 8)}`;
  const completionCode = `CODE-${randomUUID().slice(0, 6).toUpperCase()}`;
  await studyModel(connection).create({
    _id: studyId,
    name: 'Test study',
    completionCode,
    open: options.open ?? true,
  });
  return { studyId, completionCode };
}
