import { createHash, randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { ApiTokenView, CreatedApiTokenView } from '../../shared/protocol/auth';
import { NotFoundError } from '../errors';
import { userModel, type User } from '../users/userModel';
import { apiTokenModel, type ApiToken } from './apiTokenModel';

const tokenPrefix = 'prl_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(
  connection: Connection,
  input: { userId: string; name: string; expiresInDays: number; now?: Date },
): Promise<CreatedApiTokenView> {
  const now = input.now ?? new Date();
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const created = await apiTokenModel(connection).create({
    userId: new Types.ObjectId(input.userId),
    name: input.name,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
  });
  return { ...presentApiToken(created.toObject()), token };
}

/** The token's owner when the token is known, unexpired and its owner not blocked; else null. */
export async function userOfApiToken(
  connection: Connection,
  token: string,
  now = new Date(),
): Promise<User | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 100) {
    return null;
  }
  const found = await apiTokenModel(connection)
    .findOneAndUpdate(
      { tokenHash: hashToken(token), expiresAt: { $gt: now } },
      { $set: { lastUsedAt: now } },
    )
    .lean<ApiToken>()
    .exec();
  if (found === null) {
    return null;
  }
  const user = await userModel(connection).findById(found.userId).lean<User>().exec();
  return user === null || user.blocked ? null : user;
}

export async function listApiTokens(
  connection: Connection,
  userId: string,
  now = new Date(),
): Promise<ApiTokenView[]> {
  const tokens = await apiTokenModel(connection)
    .find({ userId: new Types.ObjectId(userId), expiresAt: { $gt: now } })
    .sort({ createdAt: -1 })
    .lean<ApiToken[]>()
    .exec();
  return tokens.map(presentApiToken);
}

/** Revokes one of the user's own tokens (deleting it: a revoked token is simply unknown). */
export async function revokeApiToken(
  connection: Connection,
  userId: string,
  tokenId: string,
): Promise<void> {
  const result = await apiTokenModel(connection).deleteOne({
    _id: new Types.ObjectId(tokenId),
    userId: new Types.ObjectId(userId),
  });
  if (result.deletedCount === 0) {
    throw new NotFoundError(`You have no API token ${tokenId}.`);
  }
}

/** Deletes expired tokens; returns how many. */
export async function pruneExpiredApiTokens(
  connection: Connection,
  now = new Date(),
): Promise<number> {
  const result = await apiTokenModel(connection).deleteMany({ expiresAt: { $lte: now } });
  return result.deletedCount;
}

function presentApiToken(token: ApiToken): ApiTokenView {
  return {
    id: token._id.toHexString(),
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt:
      token.lastUsedAt === null || token.lastUsedAt === undefined
        ? null
        : token.lastUsedAt.toISOString(),
  };
}
