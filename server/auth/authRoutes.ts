import {
  Router,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Connection } from 'mongoose';
import { authRoutes } from '../../shared/contracts/authRoutes';
import {
  AccountBlockedError,
  AccountLockedError,
  InvalidCredentialsError,
  UnauthorizedError,
} from '../../platform/errors';
import type { LoginLockout } from '../../platform/security/loginLockout';
import { findUserById, recordLogin } from '../../platform/users/userService';
import { presentUser } from '../../platform/users/userPresenter';
import type { Authentication } from './authentication';
import { sessionCookieName } from './authentication';
import type { SessionUser } from '../../platform/auth/sessionUser';
import { signIn, signOut } from '../../platform/auth/signIn';
import type { SocketRevocation } from '../sockets/revocation';
import { callerOf, serve } from '../http/serve';

/**
 * `POST /auth/login`, `POST /auth/logout`, `GET /auth/me` (`shared/contracts/authRoutes.ts`).
 * Sign-in is rate limited per address and locked per account after repeated failures
 * (server/security); signing out also ends the sockets opened with that session.
 */
export function authRouter(
  connection: Connection,
  auth: Authentication,
  security: { rateLimit: RequestHandler; lockout: LoginLockout },
  revocation: Pick<SocketRevocation, 'session'>,
): Router {
  const router = Router();

  serve(
    router,
    authRoutes.login,
    async (input, req, res, next) => {
      const { username } = input.body;
      // The attempt is counted before its password is checked, so parallel guesses cannot all
      // pass a check that none of them has failed yet.
      const reservation = await security.lockout.reserve(username);
      if (reservation.lockedFor > 0) {
        res.setHeader('retry-after', String(reservation.lockedFor));
        throw new AccountLockedError(reservation.lockedFor);
      }
      const user = await authenticateLocal(auth, req, res, next).catch(async (error: unknown) => {
        if (error instanceof InvalidCredentialsError) {
          await security.lockout.recordFailure(username, reservation.slot);
        }
        throw error;
      });
      await security.lockout.recordSuccess(username);
      await signIn(req, user);
      await recordLogin(connection, user.id);
      return { user: await currentUserView(connection, user) };
    },
    { before: [security.rateLimit] },
  );

  serve(router, authRoutes.logout, async (_input, req, res) => {
    if (req.user !== undefined && req.authMethod === 'session') {
      // Signing out regenerates the session id: the sockets were opened with this one.
      const sessionId = req.sessionID;
      await signOut(req);
      revocation.session(sessionId);
    }
    res.clearCookie(sessionCookieName);
  });

  serve(router, authRoutes.me, async (input) => ({
    user: await currentUserView(connection, callerOf(input)),
  }));

  return router;
}

function authenticateLocal(
  auth: Authentication,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<SessionUser> {
  return new Promise((resolve, reject) => {
    const handler = auth.passport.authenticate(
      'local',
      { session: false },
      (error: unknown, user: SessionUser | false, info?: { message?: string }) => {
        if (error) {
          reject(
            error instanceof Error ? error : new Error('authentication failed', { cause: error }),
          );
        } else if (user === false) {
          reject(
            info?.message === 'blocked' ? new AccountBlockedError() : new InvalidCredentialsError(),
          );
        } else {
          resolve(user);
        }
      },
    ) as (req: Request, res: Response, next: NextFunction) => void;
    handler(req, res, next);
  });
}

async function currentUserView(connection: Connection, user: SessionUser) {
  const stored = await findUserById(connection, user.id);
  if (stored === null) {
    throw new UnauthorizedError();
  }
  return presentUser(stored);
}
