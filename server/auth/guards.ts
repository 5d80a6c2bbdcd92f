import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { can, type Permission } from '../../shared/protocol/roles';
import { CsrfRejectedError, ForbiddenError, UnauthorizedError } from '../../platform/errors';
import { userOfApiToken } from '../../platform/auth/apiTokens';
import { crossSiteWriteProblem } from './crossOrigin';
import { toSessionUser } from '../../platform/auth/sessionUser';

/**
 * `Authorization: Bearer <token>` authenticates the request by API token, replacing any session
 * user. A present but unknown or expired token is refused outright (never falls back to a cookie).
 */
export function bearerTokens(connection: Connection): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (req.user !== undefined) {
        req.authMethod = 'session';
      }
      next();
      return;
    }
    const match = /^Bearer (\S+)$/.exec(header);
    const user = match?.[1] === undefined ? null : await userOfApiToken(connection, match[1]);
    if (user === null) {
      throw new UnauthorizedError('The API token is unknown or has expired.');
    }
    req.user = toSessionUser(user);
    req.authMethod = 'token';
    next();
  };
}

/** Refuses cookie-authenticated (or cookie-establishing) writes that may come from another site. */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (req.authMethod === 'token') {
    next();
    return;
  }
  const problem = crossSiteWriteProblem(req.method, req.headers, req.get('host'));
  if (problem !== null) {
    throw new CsrfRejectedError(problem);
  }
  next();
};

export const requireSignedIn: RequestHandler = (req, _res, next) => {
  if (req.user === undefined) {
    throw new UnauthorizedError();
  }
  next();
};

/** Signed in, and one of the roles the permission table allows (shared/protocol/roles.ts). */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (req.user === undefined) {
      throw new UnauthorizedError();
    }
    if (!can(req.user.roles, permission)) {
      throw new ForbiddenError(`Your role may not ${permissionVerb[permission]}.`);
    }
    next();
  };
}

const permissionVerb: Record<Permission, string> = {
  annotate: 'annotate tasks',
  manageApiTokens: 'manage API tokens',
  manageRounds: 'manage acquisition rounds',
  manageStudies: 'manage crowd studies',
  review: 'review annotations',
  readRoundQuality: "read rounds' quality numbers",
  manageGoldTasks: 'manage gold tasks',
  manageUsers: 'manage users',
  readAuditLog: 'read the audit log',
  viewMetrics: 'read the metrics',
  manageDatasets: 'export or import datasets',
};
