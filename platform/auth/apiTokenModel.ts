import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * An API token for a researcher's scripts (`Authorization: Bearer …`). Only a SHA-256 of the
 * token is stored: tokens are 256 random bits, so a fast hash is enough (unlike passwords), and
 * a database leak does not leak usable tokens. Expiry is checked by query (no TTL index).
 */
const apiTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    tokenHash: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type ApiToken = InferSchemaType<typeof apiTokenSchema> & { _id: Types.ObjectId };

export function apiTokenModel(connection: Connection): Model<ApiToken> {
  return (
    (connection.models.ApiToken as Model<ApiToken> | undefined) ??
    connection.model<ApiToken>('ApiToken', apiTokenSchema, 'apitokens')
  );
}
