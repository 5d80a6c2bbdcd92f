import type { IncomingMessage } from 'node:http';
import type { Connection } from 'mongoose';
import type { ExtendedError, Socket } from 'socket.io';
import type { ErrorCode } from '../../shared/protocol/errorCodes';
import { can, type Permission } from '../../shared/protocol/roles';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/protocol/socketContract';
import { userOfApiToken } from '../../platform/auth/apiTokens';
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
      .then((user) => {
        if (user === 'blocked') {
          next(refusal('account_blocked', 'This account is blocked.'));
        } else if (user === null) {
          next(refusal('unauthorized', 'Sign in first.'));
        } else if (!can(user.roles, permission)) {
          next(refusal('forbidden', `Your role may not use this namespace (${permission}).`));
        } else {
          socket.data.user = user;
          next();
        }
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'socket authentication failed');
        next(refusal('internal', 'Internal server error.'));
      });
  };

  async function identify(socket: AuthenticatedSocket): Promise<SessionUser | 'blocked' | null> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string') {
      const user = await userOfApiToken(connection, token);
      return user === null ? null : toSessionUser(user);
    }
    const session = (socket.request as IncomingMessage & { session?: unknown }).session;
    const user = await auth.userOfSession(session);
    if (user !== null) {
      return user;
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

function refusal(code: ErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { code, message };
  return error;
}
