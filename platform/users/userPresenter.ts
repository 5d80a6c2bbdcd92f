import type { UserView } from '../../shared/protocol/auth';
import type { AdminUserView } from '../../shared/protocol/users';
import type { User } from './userModel';

/** The only shape a user leaves the server in: never the hash, never internal flags. */
export function presentUser(user: User): UserView {
  return {
    id: user._id.toHexString(),
    username: user.username,
    roles: [...user.roles],
    study:
      user.study === null || user.study === undefined
        ? null
        : { studyId: user.study.studyId, externalWorkerId: user.study.externalWorkerId },
  };
}

/** A user in user management: also blocked, invited (no password yet) and locked. */
export function presentAdminUser(user: User, lockedUntil: Date | null): AdminUserView {
  return {
    ...presentUser(user),
    blocked: user.blocked,
    invited: (user.passwordHash ?? null) === null && (user.study ?? null) === null,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
