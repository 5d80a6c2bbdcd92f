import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Sign-in attempts per username (lower-cased, whether or not the account exists, so a lock does
 * not reveal which names are real). Every attempt takes a numbered slot *before* its password is
 * checked (one atomic `$inc`), so parallel attempts cannot all slip under the limit: slots past
 * `lockoutAttempts` within one window are refused unchecked and lock the name until
 * `lockedUntil`. A successful sign-in clears the record of that name only, and never a lock.
 */
const loginFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Attempts reserved in this window (failed, or still being checked). */
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

/** An attempt's slot: `lockedFor > 0` means refuse it without checking the password. */
export interface Reservation {
  slot: number;
  lockedFor: number;
}

export function lockoutKey(username: string): string {
  return username.trim().toLowerCase();
}

export function createLoginLockout(connection: Connection, policy: LockoutPolicy) {
  const failures = loginFailureModel(connection);
  const secondsUntil = (until: Date | null | undefined, now: Date) => {
    const ms = (until?.getTime() ?? 0) - now.getTime();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  };
  const lock = (id: string, now: Date) =>
    failures.updateOne(
      { _id: id, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
      { $set: { windowStart: now, lockedUntil: new Date(now.getTime() + policy.lockoutMs) } },
    );

  return {
    /** Seconds until the name may try again, or 0 when it is not locked. */
    async lockedFor(username: string, now = new Date()): Promise<number> {
      const doc = await failures.findById(lockoutKey(username)).lean();
      return secondsUntil(doc?.lockedUntil, now);
    },

    /**
     * Takes the next slot for an attempt, before its password is checked. A slot past the limit
     * locks the name (if not locked already) and is refused.
     */
    async reserve(username: string, now = new Date()): Promise<Reservation> {
      const id = lockoutKey(username);
      // A window that has passed (and with it any lock) starts over: a compare-and-set on its start.
      await failures.updateOne(
        { _id: id, windowStart: { $lt: new Date(now.getTime() - policy.lockoutMs) } },
        { $set: { count: 0, windowStart: now, lockedUntil: null } },
      );
      const doc = await failures.findOneAndUpdate(
        { _id: id },
        { $inc: { count: 1 }, $setOnInsert: { windowStart: now, lockedUntil: null } },
        { upsert: true, new: true },
      );
      const locked = secondsUntil(doc.lockedUntil, now);
      if (locked > 0) {
        return { slot: doc.count, lockedFor: locked };
      }
      if (doc.count > policy.lockoutAttempts) {
        await lock(id, now);
        return { slot: doc.count, lockedFor: Math.ceil(policy.lockoutMs / 1000) };
      }
      return { slot: doc.count, lockedFor: 0 };
    },

    /** The attempt in `slot` failed: the last allowed slot locks the name. */
    async recordFailure(username: string, slot: number, now = new Date()): Promise<void> {
      if (slot >= policy.lockoutAttempts) {
        await lock(lockoutKey(username), now);
      }
    },

    /** Clears this name's count, unless a lock has been set meanwhile (only its window ends it). */
    async recordSuccess(username: string, now = new Date()): Promise<void> {
      await failures.deleteOne({
        _id: lockoutKey(username),
        $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
      });
    },

    /** An admin lifts the lock (and the count) of one name at once. */
    async unlock(username: string): Promise<boolean> {
      const removed = await failures.deleteOne({ _id: lockoutKey(username) });
      return removed.deletedCount > 0;
    },

    /** Of these names, the ones locked now, with their lock's end. */
    async lockedAmong(usernames: readonly string[], now = new Date()): Promise<Map<string, Date>> {
      const docs = await failures
        .find({ _id: { $in: usernames.map(lockoutKey) }, lockedUntil: { $gt: now } })
        .lean();
      return new Map(docs.map((doc) => [doc._id, doc.lockedUntil ?? now]));
    },
  };
}
export type LoginLockout = ReturnType<typeof createLoginLockout>;
