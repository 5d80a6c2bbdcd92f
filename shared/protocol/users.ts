import { z } from 'zod';
import type { UserView } from './auth';
import { pageQuery } from './review';
import { roles, type Role } from './roles';

/** `GET /api/admin/users`: admins list accounts, filtered. */
export const userListQuerySchema = z.strictObject({
  role: z.enum(roles).optional(),
  blocked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** A part of the username. */
  search: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : or -')
    .optional(),
  ...pageQuery,
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** `PUT /api/admin/users/:userId/roles`: the user's new roles (replacing the old), and why. */
export const setRolesBodySchema = z.strictObject({
  roles: z
    .array(z.enum(roles))
    .min(1)
    .max(roles.length)
    .refine((list) => new Set(list).size === list.length, { message: 'roles repeat' }),
  reason: z.string().trim().min(1).max(500),
});
export type SetRolesBody = z.infer<typeof setRolesBodySchema>;

/** A user as admins see them in user management. */
export interface AdminUserView extends UserView {
  roles: Role[];
  blocked: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
