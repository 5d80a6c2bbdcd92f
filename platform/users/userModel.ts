import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { roles } from '../../shared/protocol/roles';

/**
 * A person who signs in: researchers, reviewers and admins with a username and password;
 * crowd workers either the same way or through a study link (then `study` is set and there is
 * no password). Usernames are unique: lower-case for accounts with a password, and
 * `study:<studyId>:<externalWorkerId>` for study workers (so the unique index also makes
 * "one account per worker per study" atomic, with no partial index).
 */
const userSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    /** argon2id hash; null for crowd workers who enter by study link only. */
    passwordHash: { type: String, default: null },
    roles: { type: [{ type: String, enum: roles }], required: true },
    blocked: { type: Boolean, required: true, default: false },
    study: {
      type: new Schema(
        {
          studyId: { type: String, required: true },
          externalWorkerId: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    createdAt: { type: Date, required: true, default: () => new Date() },
    lastLoginAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type User = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

export function userModel(connection: Connection): Model<User> {
  return (
    (connection.models.User as Model<User> | undefined) ??
    connection.model<User>('User', userSchema, 'users')
  );
}
