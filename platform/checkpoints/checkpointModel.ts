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
    /** The researcher whose round trained it; null for bootstraps, which everyone may use. */
    owner: { type: String, default: null },
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

/**
 * A default checkpoint of a domain and role: the domain's (`_id` `<domain>/<role>`, set by the
 * first bootstrap or an admin) or one researcher's (`<domain>/<role>@<user id>`, set when they
 * promote a round). A round with no checkpoint of its own starts from its owner's, else the
 * domain's; so one researcher's round never moves another's starting point.
 */
const currentCheckpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/** The id of a default pointer: the domain's (owner null) or one researcher's. */
export function currentCheckpointKey(
  domain: string,
  role: CheckpointRole,
  owner: string | null,
): string {
  return owner === null ? `${domain}/${role}` : `${domain}/${role}@${owner}`;
}

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
