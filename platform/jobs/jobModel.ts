import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const jobStatuses = ['queued', 'leased', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * One unit of background work (self-play, ranking, retraining…) leased by worker processes.
 * A job is leased by one atomic findOneAndUpdate and every later change is a compare-and-set
 * on its `owner`, so a worker whose lease was taken over can never complete or fail it.
 * Expiry is by query (`leaseExpiresAt`), never a TTL index.
 */
const jobSchema = new Schema(
  {
    kind: { type: String, required: true },
    /** Validated against the kind's zod schema on enqueue and again before it runs. */
    payload: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: jobStatuses, required: true },
    /** How many times a worker has leased it (a lease taken over after a crash counts). */
    attempts: { type: Number, required: true, default: 0 },
    maxAttempts: { type: Number, required: true, min: 1 },
    owner: { type: String, default: null },
    leaseExpiresAt: { type: Date, default: null },
    /** Not leased before this moment: retries back off. */
    runAfter: { type: Date, required: true },
    result: { type: Schema.Types.Mixed, default: null },
    error: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** When the current (or last) lease began: with `finishedAt`, how long the run took. */
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
jobSchema.index({ status: 1, kind: 1, runAfter: 1 });
jobSchema.index({ status: 1, leaseExpiresAt: 1 });

export type Job = InferSchemaType<typeof jobSchema> & { _id: Types.ObjectId };

export function jobModel(connection: Connection): Model<Job> {
  return (
    (connection.models.Job as Model<Job> | undefined) ??
    connection.model<Job>('Job', jobSchema, 'jobs')
  );
}
