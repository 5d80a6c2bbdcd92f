import type { Role } from '../../shared/protocol/roles';
import type { User } from '../users/userModel';

/** Who a request or socket acts for: what every authorization check needs, nothing more. */
export interface SessionUser {
  id: string;
  username: string;
  roles: Role[];
}

export function toSessionUser(user: User): SessionUser {
  return { id: user._id.toHexString(), username: user.username, roles: [...user.roles] };
}
