import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { domainIds } from '../../shared/domain/domains';

export const checkpointRoles = ['alice', 'bob', 'expert'] as const;
export type CheckpointRole = (typeof checkpointRoles)[number];
export const checkpointStatuses = ['writing', 'ready'] as const;

/**
 * A policy checkpoint's metadata; the bytes (learning/checkpoint.ts) are a GridFS file.
 * `_id` is the version id, chosen deterministically by whoever writes it (e.g. `<round>-bob`),
 * so a retried job writes the same version again instead of a duplicate. `ready` is set only
 * after the GridFS file is completely written.
 */
const checkpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    domain: { type: String, enum: domainIds, required: true },
    role: { type: String, enum: checkpointRoles, required: true },
    roundId: { type: String, default: null },
    parent: { type: String, default: null },
    status: { type: String, enum: checkpointStatuses, required: true },
    /** The GridFS file of the bytes; null while writing. */
    fileId: { type: Schema.Types.ObjectId, default: null },
    /** How it was trained (e.g. the synthetic corpus it came from), to rebuild its data. */
    training: { type: Schema.Types.Mixed, default: null },
    metrics: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    readyAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);

/** The current checkpoint of a domain and role: `_id` is `<domain>/<role>`. */
const currentCheckpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type CheckpointDoc = InferSchemaType<typeof checkpointSchema>;
export type CurrentCheckpointDoc = InferSchemaType<typeof currentCheckpointSchema>;

export function checkpointModel(connection: Connection): Model<CheckpointDoc> {
  return (
    (connection.models.Checkpoint as Model<CheckpointDoc> | undefined) ??
    connection.model<CheckpointDoc>('Checkpoint', checkpointSchema, 'checkpoints')
  );
}

export function currentCheckpointModel(connection: Connection): Model<CurrentCheckpointDoc> {
  return (
    (connection.models.CurrentCheckpoint as Model<CurrentCheckpointDoc> | undefined) ??
    connection.model<CurrentCheckpointDoc>(
      'CurrentCheckpoint',
      currentCheckpointSchema,
      'currentCheckpoints',
    )
  );
}
