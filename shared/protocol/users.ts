import { z } from 'zod';
import { usernameSchema, type UserView } from './auth';
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
  /** Invited, but has not set a password yet. */
  invited: boolean;
  /** Locked by failed sign-ins until then (an admin may unlock), or null. */
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `POST /api/admin/users`: a new account, invited by a one-time link to set its password. */
export const inviteUserBodySchema = z.strictObject({
  username: usernameSchema,
  roles: setRolesBodySchema.shape.roles,
});
export type InviteUserBody = z.infer<typeof inviteUserBodySchema>;

/** What a one-time link is for: an invitation (first password) or a password reset. */
export const passwordLinkPurposes = ['invitation', 'reset'] as const;
export type PasswordLinkPurpose = (typeof passwordLinkPurposes)[number];

/**
 * A one-time link, answered once when it is made (only its hash is stored). `path` is the web
 * app's page; the secret is in its `#fragment`, which browsers never send to a server.
 */
export interface PasswordLinkView {
  purpose: PasswordLinkPurpose;
  path: string;
  expiresAt: string;
}

/** `POST /api/admin/users` and `…/:userId/password-reset` answer the user and their link. */
export interface UserWithLinkView {
  user: AdminUserView;
  link: PasswordLinkView;
}

export const passwordLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a password link token');

/** `POST /api/password-links/lookup`: whose link this is, before they choose a password. */
export const passwordLinkLookupBodySchema = z.strictObject({ token: passwordLinkToken });

/** `POST /api/password-links/redeem`: sets the password and uses the link up. */
export const passwordLinkRedeemBodySchema = z.strictObject({
  token: passwordLinkToken,
  password: z.string().min(1).max(256),
});
export type PasswordLinkRedeemBody = z.infer<typeof passwordLinkRedeemBodySchema>;

export interface PasswordLinkLookupView {
  username: string;
  purpose: PasswordLinkPurpose;
  expiresAt: string;
}
