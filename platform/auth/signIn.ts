import type { Request } from 'express';
import type { SessionUser } from './sessionUser';

/**
 * Signs the user in on this request's session. Passport ≥ 0.6 regenerates the session id here
 * (no session fixation) and saves the session before calling back.
 */
export function signIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => {
    req.logIn(user, (error: unknown) => (error ? reject(toError(error)) : resolve()));
  });
}

/** Signs out and deletes the session from the store. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.logout((error: unknown) => {
      if (error) {
        reject(toError(error));
        return;
      }
      req.session.destroy((destroyError: unknown) =>
        destroyError ? reject(toError(destroyError)) : resolve(),
      );
    });
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
