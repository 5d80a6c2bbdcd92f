import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Role } from '../../shared/protocol/roles';
import { userModel } from '../../platform/users/userModel';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';

/** Everyone the authorization matrix asks about: the four roles, nobody, and a blocked worker. */
export const principals = [
  'anonymous',
  'worker',
  'reviewer',
  'researcher',
  'admin',
  'blocked',
] as const;
export type Principal = (typeof principals)[number];

export interface SignedInPrincipal {
  who: Principal;
  /** Null for anonymous. */
  user: { id: string; username: string; password: string } | null;
  client: HttpClient;
}

/**
 * A fresh session for the principal. The blocked user signs in while still allowed and is
 * blocked afterwards, so the matrix checks that an existing session stops working.
 */
export async function signIn(
  connection: Connection,
  baseUrl: string,
  who: Principal,
): Promise<SignedInPrincipal> {
  const client = new HttpClient(baseUrl);
  if (who === 'anonymous') {
    return { who, user: null, client };
  }
  const role: Role = who === 'blocked' ? 'worker' : who;
  const user = await createTestUser(connection, [role]);
  await client.login(user.username, user.password);
  if (who === 'blocked') {
    await userModel(connection).updateOne({ _id: user.id }, { $set: { blocked: true } });
  }
  return { who, user, client };
}

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
