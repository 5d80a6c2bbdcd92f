import type { Connection } from 'mongoose';
import type { Role } from '../../shared/protocol/roles';
import { hashPassword } from '../auth/passwords';
import { userModel, type User } from './userModel';

const duplicateKey = 11000;

export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
}

export async function createUser(connection: Connection, input: NewUser): Promise<User> {
  const created = await userModel(connection).create({
    username: input.username.toLowerCase(),
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
  });
  return created.toObject();
}

export function findUserById(connection: Connection, id: string): Promise<User | null> {
  return userModel(connection).findById(id).lean<User>().exec();
}

export function findUserByUsername(connection: Connection, username: string): Promise<User | null> {
  return userModel(connection).findOne({ username: username.toLowerCase() }).lean<User>().exec();
}

export function studyUsername(studyId: string, externalWorkerId: string): string {
  return `study:${studyId}:${externalWorkerId}`;
}

/**
 * The worker account of this external worker in this study, created on first entry. Atomic
 * (an upsert on the unique username): two tabs entering at once get the same account.
 */
export async function findOrCreateStudyWorker(
  connection: Connection,
  study: { studyId: string; externalWorkerId: string },
): Promise<User> {
  const username = studyUsername(study.studyId, study.externalWorkerId);
  const upsert = () =>
    userModel(connection)
      .findOneAndUpdate(
        { username },
        {
          $setOnInsert: {
            username,
            passwordHash: null,
            roles: ['worker'],
            blocked: false,
            study,
            createdAt: new Date(),
            lastLoginAt: null,
          },
        },
        { upsert: true, new: true },
      )
      .lean<User>()
      .exec();
  try {
    return await upsert();
  } catch (error) {
    // Two concurrent first entries: one insert wins, the other finds it on the retry.
    if ((error as { code?: unknown }).code === duplicateKey) {
      return await upsert();
    }
    throw error;
  }
}

export async function recordLogin(
  connection: Connection,
  userId: User['_id'] | string,
): Promise<void> {
  await userModel(connection).updateOne({ _id: userId }, { $set: { lastLoginAt: new Date() } });
}
