import session from 'express-session';
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * express-session's store in MongoDB, with expiry by query: a session past `expires` is never
 * read, and `pruneExpired` deletes such sessions (the server calls it on a timer).
 *
 * Why not connect-mongo: its `autoRemove: 'interval'` deletes with an unacknowledged write
 * (`w: 0`), which mongo-java-server silently ignores (measured: the expired session stayed),
 * and its `close()` closes the MongoDB client it was given, i.e. the server's own connection.
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The session as JSON (what express-session serialises, cookie included). */
    data: { type: String, required: true },
    expires: { type: Date, required: true, index: true },
    /** The signed-in user, so that their sessions can be ended (blocking, logout everywhere). */
    userId: { type: String, default: null, index: true },
  },
  { versionKey: false },
);

export type StoredSession = InferSchemaType<typeof sessionSchema>;

export function sessionModel(connection: Connection): Model<StoredSession> {
  return (
    (connection.models.Session as Model<StoredSession> | undefined) ??
    connection.model<StoredSession>('Session', sessionSchema, 'sessions')
  );
}

type Callback<T = void> = (error?: unknown, value?: T) => void;

export class MongoSessionStore extends session.Store {
  private readonly model: Model<StoredSession>;

  constructor(
    connection: Connection,
    private readonly defaultMaxAgeMs: number,
  ) {
    super();
    this.model = sessionModel(connection);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.model
      .findOne({ _id: sid, expires: { $gt: new Date() } })
      .lean<StoredSession>()
      .exec()
      .then((doc) =>
        callback(null, doc === null ? null : (JSON.parse(doc.data) as session.SessionData)),
      )
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const userId = (data as { passport?: { user?: unknown } }).passport?.user;
    this.model
      .updateOne(
        { _id: sid },
        {
          $set: {
            data: JSON.stringify(data),
            expires: this.expiryOf(data),
            userId: typeof userId === 'string' ? userId : null,
          },
        },
        { upsert: true },
      )
      .exec()
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.model
      .deleteOne({ _id: sid })
      .exec()
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.model
      .updateOne({ _id: sid }, { $set: { expires: this.expiryOf(data) } })
      .exec()
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  /** Deletes every expired session; returns how many. */
  async pruneExpired(now = new Date()): Promise<number> {
    const result = await this.model.deleteMany({ expires: { $lte: now } }).exec();
    return result.deletedCount;
  }

  /** Signs a user out everywhere (e.g. when an admin blocks them). */
  async destroyUserSessions(userId: string): Promise<number> {
    const result = await this.model.deleteMany({ userId }).exec();
    return result.deletedCount;
  }

  private expiryOf(data: session.SessionData): Date {
    const expires = data.cookie.expires;
    return expires instanceof Date
      ? expires
      : typeof expires === 'string'
        ? new Date(expires)
        : new Date(Date.now() + this.defaultMaxAgeMs);
  }
}
