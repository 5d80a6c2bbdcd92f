import { z } from 'zod';
import type { Role } from './roles';

/** External ids (study ids, Prolific/MTurk worker ids): short, URL-safe, no operators. */
export const externalId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '1 to 64 letters, digits, _ or -');

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,39}$/, '2 to 40 lower-case letters, digits, _, . or -');

// The handful of passwords every guessing attack tries first (and the demo ones of other tools).
const commonPasswords = new Set([
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'passwordpassword',
  'letmeinletmein',
  'administrator',
  'changeme1234',
  'welcome12345',
  'iloveyou1234',
  'correcthorse',
]);

/**
 * Passwords people choose for Parley accounts (NIST SP 800-63B style: length, not composition
 * rules): 12 to 256 characters, not the username, not a well-known password, not one repeated
 * character.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) {
    return 'a password needs at least 12 characters';
  }
  if (password.length > 256) {
    return 'a password has at most 256 characters';
  }
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) {
    return 'a password must not contain the username';
  }
  if (commonPasswords.has(lower) || /^(.)\1*$/.test(password)) {
    return 'this password is too easy to guess';
  }
  return null;
}

/** `POST /api/auth/login` */
export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** `POST /api/auth/tokens`: an expiring API token for a researcher's scripts. */
export const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.int().min(1).max(365).default(30),
});
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;

/** `DELETE /api/auth/tokens/:tokenId` */
export const tokenIdParamsSchema = z.strictObject({
  tokenId: z.string().regex(/^[a-f0-9]{24}$/, 'a token id'),
});

/** The signed-in user, as `GET /api/auth/me` and login answer it. */
export interface UserView {
  id: string;
  username: string;
  roles: Role[];
  /** Set for crowd workers who entered through a study link. */
  study: { studyId: string; externalWorkerId: string } | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** Answered once, at creation: the secret is never shown again (only its hash is stored). */
export interface CreatedApiTokenView extends ApiTokenView {
  token: string;
}
