import type { UserView } from '../../shared/protocol/auth';
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
