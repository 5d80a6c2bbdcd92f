import type { IncomingMessage } from 'node:http';
import type { Connection } from 'mongoose';
import type { ExtendedError, Socket } from 'socket.io';
import type { ErrorCode } from '../../shared/protocol/errorCodes';
import { can, type Permission } from '../../shared/protocol/roles';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SocketCredential,
  SocketData,
} from '../../shared/protocol/socketContract';
import { apiTokenSignIn } from '../../platform/auth/apiTokens';
import type { Authentication } from '../auth/authentication';
import { toSessionUser, type SessionUser } from '../../platform/auth/sessionUser';
import { findUserById } from '../../platform/users/userService';
import type { Logger } from '../../platform/logger';

export type AnnotateSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** What authentication reads and writes on a socket of any namespace. */
type AuthenticatedSocket = Pick<AnnotateSocket, 'handshake' | 'request' | 'data'>;

/**
 * Admits a socket to `/annotate` (or, with another permission, `/rounds`) when its handshake carries the session cookie of a signed-in
 * user (the same session as the REST API; express-session runs on the engine), or an API token
 * in `auth.token` for scripted clients; and the user may annotate. Refusals reach the client as
 * `connect_error` with `data: { code, message }`; a blocked account's session is refused with
 * `account_blocked`, so a worker cut off mid-task learns why instead of retrying for ever.
 */
export function socketAuthentication(
  connection: Connection,
  auth: Authentication,
  log: Logger,
  permission: Permission = 'annotate',
) {
  return (socket: AuthenticatedSocket, next: (error?: ExtendedError) => void) => {
    identify(socket)
      .then((signedIn) => {
        if (signedIn === 'blocked') {
          next(refusal('account_blocked', 'This account is blocked.'));
        } else if (signedIn === null) {
          next(refusal('unauthorized', 'Sign in first.'));
        } else if (!can(signedIn.user.roles, permission)) {
          next(refusal('forbidden', `Your role may not use this namespace (${permission}).`));
        } else {
          socket.data.user = signedIn.user;
          socket.data.credential = signedIn.credential;
          next();
        }
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'socket authentication failed');
        next(refusal('internal', 'Internal server error.'));
      });
  };

  async function identify(
    socket: AuthenticatedSocket,
  ): Promise<{ user: SessionUser; credential: SocketCredential } | 'blocked' | null> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string') {
      const signedIn = await apiTokenSignIn(connection, token);
      return signedIn === null
        ? null
        : {
            user: toSessionUser(signedIn.user),
            credential: { kind: 'token', tokenId: signedIn.tokenId },
          };
    }
    const request = socket.request as IncomingMessage & { session?: unknown; sessionID?: string };
    const session = request.session;
    const user = await auth.userOfSession(session);
    if (user !== null && request.sessionID !== undefined) {
      return { user, credential: { kind: 'session', sessionId: request.sessionID } };
    }
    return (await sessionOfBlockedUser(session)) ? 'blocked' : null;
  }

  /** Whether the session belongs to a signed-in user who has since been blocked. */
  async function sessionOfBlockedUser(session: unknown): Promise<boolean> {
    const id = (session as { passport?: { user?: unknown } } | undefined)?.passport?.user;
    if (typeof id !== 'string' || !/^[a-f0-9]{24}$/.test(id)) {
      return false;
    }
    return (await findUserById(connection, id))?.blocked === true;
  }
}

/** A handshake refusal: the client gets `connect_error` with `data: { code, message }`. */
export function refusal(code: ErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { code, message };
  return error;
}
