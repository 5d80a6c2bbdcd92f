import { userRoutes } from '../../../shared/contracts/userRoutes';
import type { Role } from '../../../shared/protocol/roles';
import { call } from '../api/call';

export interface UserFilters {
  role?: Role | '';
  blocked?: 'true' | 'false' | '';
  search?: string;
  page?: number;
}

/** Empty filters are left out (the form's "any"). */
const defined = <T extends object>(filters: T) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], ''>;
  };

export const listUsers = (filters: UserFilters) =>
  call(userRoutes.list, { query: defined(filters) });

export const setRoles = (userId: string, roles: Role[], reason: string) =>
  call(userRoutes.setRoles, { params: { userId }, body: { roles, reason } }).then((r) => r.user);

export const setBlocked = (userId: string, blocked: boolean, reason: string) =>
  call(blocked ? userRoutes.block : userRoutes.unblock, {
    params: { userId },
    body: { reason },
  }).then((r) => r.user);

export const inviteUser = (username: string, roles: Role[]) =>
  call(userRoutes.invite, { body: { username, roles } });

export const resetPassword = (userId: string, reason: string) =>
  call(userRoutes.passwordReset, { params: { userId }, body: { reason } });

export const unlockUser = (userId: string, reason: string) =>
  call(userRoutes.unlock, { params: { userId }, body: { reason } }).then((r) => r.user);
