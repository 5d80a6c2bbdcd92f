import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Failed sign-ins per username (lower-cased, whether or not the account exists, so a lock does
 * not reveal which names are real). `lockoutAttempts` failures within one window lock the name
 * until `lockedUntil`; a successful sign-in clears the record.
 */
const loginFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
    windowStart: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
  },
  { versionKey: false },
);

interface LoginFailure {
  _id: string;
  count: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export function loginFailureModel(connection: Connection): Model<LoginFailure> {
  return (
    (connection.models.LoginFailure as Model<LoginFailure> | undefined) ??
    connection.model<LoginFailure>('LoginFailure', loginFailureSchema, 'loginFailures')
  );
}

export interface LockoutPolicy {
  lockoutAttempts: number;
  lockoutMs: number;
}

export function createLoginLockout(connection: Connection, policy: LockoutPolicy) {
  const failures = loginFailureModel(connection);
  const key = (username: string) => username.trim().toLowerCase();
  return {
    /** Seconds until the name may try again, or 0 when it is not locked. */
    async lockedFor(username: string, now = new Date()): Promise<number> {
      const doc = await failures.findById(key(username)).lean();
      const until = doc?.lockedUntil?.getTime() ?? 0;
      return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
    },

    /** Counts a failure; the one that reaches the limit locks the name for the window. */
    async recordFailure(username: string, now = new Date()): Promise<void> {
      const id = key(username);
      const windowFloor = new Date(now.getTime() - policy.lockoutMs);
      // A window that has passed starts over (a compare-and-set on its start).
      await failures.updateOne(
        { _id: id, windowStart: { $lt: windowFloor } },
        { $set: { count: 0, windowStart: now, lockedUntil: null } },
      );
      const doc = await failures.findOneAndUpdate(
        { _id: id },
        { $inc: { count: 1 }, $setOnInsert: { windowStart: now, lockedUntil: null } },
        { upsert: true, new: true },
      );
      if (doc.count >= policy.lockoutAttempts) {
        await failures.updateOne(
          { _id: id },
          {
            $set: {
              count: 0,
              windowStart: now,
              lockedUntil: new Date(now.getTime() + policy.lockoutMs),
            },
          },
        );
      }
    },

    async recordSuccess(username: string): Promise<void> {
      await failures.deleteOne({ _id: key(username) });
    },
  };
}
export type LoginLockout = ReturnType<typeof createLoginLockout>;
