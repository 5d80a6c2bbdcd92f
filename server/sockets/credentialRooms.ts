import { createHash } from 'node:crypto';
import type { SocketCredential, SocketData } from '../../shared/protocol/socketContract';

/**
 * The rooms every authenticated socket joins, in every namespace: its user's, and the one of the
 * credential that opened it. Revocation and per-user notifications address sockets through them,
 * so that they reach the sockets held by every server process (through the cluster adapter).
 */
export const userRoom = (userId: string): string => `user:${userId}`;

export const tokenRoom = (tokenId: string): string => `token:${tokenId}`;

/**
 * A session's room is named by a hash of its id: room names travel through the cluster's message
 * log in the database, and a session id there would be a credential anyone reading it could use.
 */
export const sessionRoom = (sessionId: string): string =>
  `session:${createHash('sha256').update(sessionId).digest('base64url')}`;

export function credentialRoom(credential: SocketCredential): string {
  return credential.kind === 'token'
    ? tokenRoom(credential.tokenId)
    : sessionRoom(credential.sessionId);
}

export function roomsOf(data: SocketData): string[] {
  return [userRoom(data.user.id), credentialRoom(data.credential)];
}
