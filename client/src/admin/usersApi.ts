import type { Role } from '../../../shared/protocol/roles';
import type { Page } from '../../../shared/protocol/review';
import type { AdminUserView, UserWithLinkView } from '../../../shared/protocol/users';
import { api, queryString } from '../api/http';

export interface UserFilters {
  role?: Role | '';
  blocked?: 'true' | 'false' | '';
  search?: string;
  page?: number;
}

export const listUsers = (filters: UserFilters) =>
  api<Page<AdminUserView>>('GET', `/admin/users${queryString({ ...filters })}`);

export const setRoles = (userId: string, roles: Role[], reason: string) =>
  api<{ user: AdminUserView }>('PUT', `/admin/users/${userId}/roles`, { roles, reason }).then(
    (r) => r.user,
  );

export const setBlocked = (userId: string, blocked: boolean, reason: string) =>
  api<{ user: AdminUserView }>('POST', `/admin/users/${userId}/${blocked ? 'block' : 'unblock'}`, {
    reason,
  }).then((r) => r.user);

export const inviteUser = (username: string, roles: Role[]) =>
  api<UserWithLinkView>('POST', '/admin/users', { username, roles });

export const resetPassword = (userId: string, reason: string) =>
  api<UserWithLinkView>('POST', `/admin/users/${userId}/password-reset`, { reason });

export const unlockUser = (userId: string, reason: string) =>
  api<{ user: AdminUserView }>('POST', `/admin/users/${userId}/unlock`, { reason }).then(
    (r) => r.user,
  );
