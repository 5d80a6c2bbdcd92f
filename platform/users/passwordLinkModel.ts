import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { passwordLinkPurposes } from '../../shared/protocol/users';

/**
 * A one-time link to set a password: an invitation or a password reset. Only the SHA-256 of the
 * token is stored, so a copy of the database cannot be used to take accounts over. Single use is
 * a compare-and-set on `usedAt`.
 */
const passwordLinkSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: String, required: true, index: true },
    purpose: { type: String, enum: passwordLinkPurposes, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    /** Set when used, or when a newer link for the same user replaced it. */
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type PasswordLink = InferSchemaType<typeof passwordLinkSchema> & { _id: Types.ObjectId };

export function passwordLinkModel(connection: Connection): Model<PasswordLink> {
  return (
    (connection.models.PasswordLink as Model<PasswordLink> | undefined) ??
    connection.model<PasswordLink>('PasswordLink', passwordLinkSchema, 'passwordLinks')
  );
}
