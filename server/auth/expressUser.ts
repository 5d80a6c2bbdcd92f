import type { SessionUser } from '../../platform/auth/sessionUser';

// Express's request as Parley's routes see it: Passport's `req.user` is a SessionUser.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // Passport's `req.user`.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      /** How `req.user` was established: a session cookie or an API token. */
      authMethod?: 'session' | 'token';
    }
  }
}

export {};
