import type { Role } from '../../shared/protocol/roles';
import type { User } from '../users/userModel';

/** Who a request or socket acts for: what every authorization check needs, nothing more. */
export interface SessionUser {
  id: string;
  username: string;
  roles: Role[];
}

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

export function toSessionUser(user: User): SessionUser {
  return { id: user._id.toHexString(), username: user.username, roles: [...user.roles] };
}
