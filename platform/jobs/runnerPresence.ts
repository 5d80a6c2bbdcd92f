import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Each worker process keeps one document here fresh with heartbeats, so the server (and
 * `/api/health`) can tell which workers are alive without talking to them. Stale documents
 * are removed by query, not a TTL index, so that this works on every MongoDB-compatible server.
 */
const workerPresenceSchema = new Schema(
  {
    _id: { type: String, required: true },
    host: { type: String, required: true },
    pid: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);

export type WorkerPresence = InferSchemaType<typeof workerPresenceSchema>;

export const heartbeatIntervalMs = 5_000;
/** A worker unseen for three heartbeats is considered gone. */
export const presenceTimeoutMs = 3 * heartbeatIntervalMs;

export function workerPresenceModel(connection: Connection): Model<WorkerPresence> {
  return (
    (connection.models.WorkerPresence as Model<WorkerPresence> | undefined) ??
    connection.model<WorkerPresence>('WorkerPresence', workerPresenceSchema, 'workerpresence')
  );
}

export async function recordHeartbeat(
  connection: Connection,
  worker: { id: string; host: string; pid: number; startedAt: Date },
  now = new Date(),
): Promise<void> {
  await workerPresenceModel(connection).updateOne(
    { _id: worker.id },
    { $set: { host: worker.host, pid: worker.pid, startedAt: worker.startedAt, lastSeenAt: now } },
    { upsert: true },
  );
}

export async function removePresence(connection: Connection, workerId: string): Promise<void> {
  await workerPresenceModel(connection).deleteOne({ _id: workerId });
}

/** Counts live workers and forgets the ones that stopped heartbeating. */
export async function liveWorkerCount(connection: Connection, now = new Date()): Promise<number> {
  const model = workerPresenceModel(connection);
  const cutoff = new Date(now.getTime() - presenceTimeoutMs);
  await model.deleteMany({ lastSeenAt: { $lt: cutoff } });
  return model.countDocuments({ lastSeenAt: { $gte: cutoff } });
}
