import type { Connection } from 'mongoose';
import type { Role } from '../../shared/protocol/roles';
import { studyModel } from '../studies/studyModel';
import { signedEntryPath } from '../studies/studyService';
import { userModel } from './userModel';
import { createUser } from './userService';

/**
 * One account per role with documented passwords, for trying Parley out. Created only on an
 * empty database, and only when demo data is on (`PARLEY_DEMO`; off in production by default).
 */
export const demoAccounts: readonly { username: string; password: string; role: Role }[] = [
  { username: 'worker', password: 'parley-worker', role: 'worker' },
  { username: 'reviewer', password: 'parley-reviewer', role: 'reviewer' },
  { username: 'researcher', password: 'parley-researcher', role: 'researcher' },
  { username: 'admin', password: 'parley-admin', role: 'admin' },
];

/**
 * The demo study: open, one task per participant, bound to no round (its participants take the
 * demo tasks). Its secret is documented like the demo passwords, so the start banner can print a
 * signed link; demo data is never created in production by default.
 */
export const demoStudy = {
  _id: 'demo',
  name: 'Demo study',
  completionCode: 'PARLEY-DEMO',
  secret: 'parley-demo-study-secret-not-for-production',
  quota: 1000,
  tasksPerParticipant: 1,
};

/** A signed entry path of the demo study for a participant id. */
export function demoStudyPath(participantId: string): string {
  return signedEntryPath(demoStudy._id, participantId, demoStudy.secret);
}

/** Creates the demo accounts and study when there are no users yet; true if it did. */
export async function seedDemoAccounts(connection: Connection): Promise<boolean> {
  if ((await userModel(connection).estimatedDocumentCount()) > 0) {
    return false;
  }
  for (const account of demoAccounts) {
    await createUser(connection, {
      username: account.username,
      password: account.password,
      roles: [account.role],
    });
  }
  const researcher = await userModel(connection).findOne({ username: 'researcher' }).lean().exec();
  const now = new Date();
  await studyModel(connection).updateOne(
    { _id: demoStudy._id },
    {
      $setOnInsert: {
        ...demoStudy,
        owner: researcher?._id.toHexString() ?? null,
        kind: 'annotation',
        status: 'open',
        roundIds: [],
        evaluation: null,
        entered: 0,
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
  return true;
}

/**
 * Brings a demo study made before studies had secrets (an `open` flag only) up to date, so a
 * database from an older `parley start` keeps its study link working; true if it did.
 */
export async function upgradeDemoStudy(connection: Connection): Promise<boolean> {
  const result = await studyModel(connection)
    .updateOne(
      { _id: demoStudy._id, secret: { $exists: false } },
      {
        $set: {
          ...demoStudy,
          kind: 'annotation',
          status: 'open',
          roundIds: [],
          evaluation: null,
          entered: 0,
          updatedAt: new Date(),
        },
        $unset: { open: '' },
      },
    )
    .exec();
  return result.modifiedCount === 1;
}

/** The demo accounts present in the database (for the start banner). */
export async function presentDemoAccounts(
  connection: Connection,
): Promise<{ username: string; password: string; role: Role }[]> {
  const found = await userModel(connection)
    .find({ username: { $in: demoAccounts.map((a) => a.username) } }, { username: 1 })
    .lean()
    .exec();
  const names = new Set(found.map((u) => u.username));
  return demoAccounts.filter((a) => names.has(a.username));
}
