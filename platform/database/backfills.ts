import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Backfills that ran to completion on this database, by name: a lookup collection kept beside
 * the data it summarises (lease pointers, worker histories) is only trusted to be complete —
 * "no entry" meaning "nothing to find" — once its backfill has filled it from the data written
 * before it existed. Until then, code that reads it falls back to scanning.
 */
const backfillSchema = new Schema(
  { _id: { type: String, required: true }, doneAt: { type: Date, required: true } },
  { versionKey: false },
);
interface Backfill {
  _id: string;
  doneAt: Date;
}

export function backfillModel(connection: Connection): Model<Backfill> {
  return (
    (connection.models.Backfill as Model<Backfill> | undefined) ??
    connection.model<Backfill>('Backfill', backfillSchema, 'backfills')
  );
}

export async function markBackfilled(connection: Connection, name: string): Promise<void> {
  await backfillModel(connection)
    .updateOne({ _id: name }, { $setOnInsert: { doneAt: new Date() } }, { upsert: true })
    .exec();
}

/** Per connection, the backfills known done (a backfill once done stays done). */
const knownDone = new WeakMap<Connection, Set<string>>();

/**
 * Whether `name` has been backfilled: read from the database until it says yes, then kept for
 * the connection's life (claims and completions ask at every call).
 */
export async function isBackfilled(connection: Connection, name: string): Promise<boolean> {
  let done = knownDone.get(connection);
  if (done === undefined) {
    done = new Set();
    knownDone.set(connection, done);
  }
  if (!done.has(name) && (await backfillModel(connection).exists({ _id: name })) !== null) {
    done.add(name);
  }
  return done.has(name);
}
