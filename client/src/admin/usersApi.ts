import type { Role } from '../../../shared/protocol/roles';
import type { Page } from '../../../shared/protocol/review';
import type { AdminUserView } from '../../../shared/protocol/users';
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
