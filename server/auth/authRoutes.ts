import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Connection } from 'mongoose';
import { loginBodySchema } from '../../shared/protocol/auth';
import { AccountBlockedError, InvalidCredentialsError, UnauthorizedError } from '../http/errors';
import { findUserById, recordLogin } from '../users/userService';
import { presentUser } from '../users/userPresenter';
import type { Authentication } from './authentication';
import { sessionCookieName } from './authentication';
import type { SessionUser } from './sessionUser';
import { signIn, signOut } from './signIn';

/** `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`. */
export function authRouter(connection: Connection, auth: Authentication): Router {
  const router = Router();

  router.post('/auth/login', async (req, res, next) => {
    loginBodySchema.parse(req.body);
    const user = await authenticateLocal(auth, req, res, next);
    await signIn(req, user);
    await recordLogin(connection, user.id);
    res.json({ user: await currentUserView(connection, user) });
  });

  router.post('/auth/logout', async (req, res) => {
    if (req.user !== undefined && req.authMethod === 'session') {
      await signOut(req);
    }
    res.clearCookie(sessionCookieName);
    res.status(204).end();
  });

  router.get('/auth/me', async (req, res) => {
    if (req.user === undefined) {
      throw new UnauthorizedError();
    }
    res.json({ user: await currentUserView(connection, req.user) });
  });

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
