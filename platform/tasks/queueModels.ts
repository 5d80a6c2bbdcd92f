import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Two small collections that let a claim find its task by `_id` instead of scanning the tasks
 * (the embedded database has no secondary indexes: every query on a field reads every task).
 * Both are hints that a claim checks against the task itself; neither can make a claim wrong.
 */

/**
 * `taskQueue` holds one document, `{ _id: 'open', version }`: bumped by every write that adds
 * a claimable task or frees a slot, so a process knows when the open tasks it read are stale.
 */
const taskQueueSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true } },
  { versionKey: false },
);
export interface TaskQueueVersion {
  _id: string;
  version: number;
}
export const taskQueueId = 'open';

export function taskQueueModel(connection: Connection): Model<TaskQueueVersion> {
  return (
    (connection.models.TaskQueue as Model<TaskQueueVersion> | undefined) ??
    connection.model<TaskQueueVersion>('TaskQueue', taskQueueSchema, 'taskQueue')
  );
}

/** Tells every process that the open tasks changed (new tasks, or a slot freed). */
export async function markOpenTasksChanged(connection: Connection): Promise<void> {
  await taskQueueModel(connection)
    .updateOne({ _id: taskQueueId }, { $inc: { version: 1 } }, { upsert: true })
    .exec();
}

/**
 * `leasePointers`: per worker (`_id` = worker id), the task and lease of their live lease, or
 * null for none. `claimId` is set while a claim is under way (or died half-way): then the
 * pointer is not trusted and the tasks are scanned, as before the pointer existed.
 */
const leasePointerSchema = new Schema(
  {
    _id: { type: String, required: true },
    taskId: { type: String, default: null },
    leaseId: { type: String, default: null },
    claimId: { type: String, default: null },
  },
  { versionKey: false },
);
export interface LeasePointer {
  _id: string;
  taskId: string | null;
  leaseId: string | null;
  claimId: string | null;
}

export function leasePointerModel(connection: Connection): Model<LeasePointer> {
  return (
    (connection.models.LeasePointer as Model<LeasePointer> | undefined) ??
    connection.model<LeasePointer>('LeasePointer', leasePointerSchema, 'leasePointers')
  );
}
