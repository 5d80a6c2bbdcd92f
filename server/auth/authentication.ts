import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { findUserById, findUserByUsername } from '../../platform/users/userService';
import { verifyAgainstNothing, verifyPassword } from '../../platform/auth/passwords';
import { toSessionUser, type SessionUser } from '../../platform/auth/sessionUser';
import { MongoSessionStore } from '../../platform/auth/sessionStore';

export interface AuthSettings {
  sessionSecret: string;
  sessionMaxAgeMs: number;
  /** Secure cookies (HTTPS only): on in production. */
  secureCookies: boolean;
  trustProxy: boolean;
}

export interface Authentication {
  /** express-session with the MongoDB store; also used by Socket.IO's engine. */
  session: RequestHandler;
  store: MongoSessionStore;
  passport: InstanceType<typeof Passport>;
  /** Loads the signed-in user for a socket handshake's session (null when signed out or blocked). */
  userOfSession(sessionData: unknown): Promise<SessionUser | null>;
}

export const sessionCookieName = 'parley.sid';

/**
 * Passport (its own instance, not the global one: tests run several servers in one process)
 * with the local strategy, and sessions in MongoDB. Only the user id is kept in the session;
 * each request re-reads the user, so a blocked user is signed out at their next request.
 */
export function createAuthentication(
  connection: Connection,
  settings: AuthSettings,
): Authentication {
  const passport = new Passport();
  passport.use(
    new LocalStrategy((username, password, done) => {
      void (async () => {
        const user = await findUserByUsername(connection, username);
        if (user === null || user.passwordHash === null || user.passwordHash === undefined) {
          await verifyAgainstNothing(password);
          return done(null, false, { message: 'invalid' });
        }
        if (!(await verifyPassword(user.passwordHash, password))) {
          return done(null, false, { message: 'invalid' });
        }
        // Checked after the password, so that blocked accounts cannot be discovered by guessing.
        if (user.blocked) {
          return done(null, false, { message: 'blocked' });
        }
        return done(null, toSessionUser(user));
      })().catch((error: unknown) => done(error));
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: unknown, done) => {
    void loadActiveUser(connection, id)
      .then((user) => done(null, user ?? false))
      .catch((error: unknown) => done(error));
  });

  const store = new MongoSessionStore(connection, settings.sessionMaxAgeMs);
  const sessionMiddleware = session({
    name: sessionCookieName,
    secret: settings.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    proxy: settings.trustProxy,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.secureCookies,
      maxAge: settings.sessionMaxAgeMs,
    },
  });
  return {
    session: sessionMiddleware,
    store,
    passport,
    userOfSession: (sessionData) =>
      loadActiveUser(
        connection,
        (sessionData as { passport?: { user?: unknown } } | undefined)?.passport?.user,
      ),
  };
}

async function loadActiveUser(connection: Connection, id: unknown): Promise<SessionUser | null> {
  if (typeof id !== 'string' || !/^[a-f0-9]{24}$/.test(id)) {
    return null;
  }
  const user = await findUserById(connection, id);
  return user === null || user.blocked ? null : toSessionUser(user);
}
