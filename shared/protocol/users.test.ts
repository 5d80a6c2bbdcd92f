import { describe, expect, it } from 'vitest';
import {
  inviteUserBodySchema,
  passwordLinkLookupBodySchema,
  passwordLinkRedeemBodySchema,
  setRolesBodySchema,
  userListQuerySchema,
} from './users';

const ok = (result: { success: boolean }) => result.success;
const token = 'A'.repeat(40) + '_-9'; // 43 characters of the URL-safe alphabet

describe('user management requests', () => {
  it('lists by role, blocked state and a part of the username, one page at a time', () => {
    expect(userListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(
      userListQuerySchema.parse({ role: 'reviewer', blocked: 'true', search: 'study:a.b-c_1' }),
    ).toEqual({ role: 'reviewer', blocked: true, search: 'study:a.b-c_1', page: 1, pageSize: 20 });
    expect(userListQuerySchema.parse({ blocked: 'false', page: '3', pageSize: '100' })).toEqual({
      blocked: false,
      page: 3,
      pageSize: 100,
    });
    expect(userListQuerySchema.parse({ search: 'x'.repeat(64) }).search).toHaveLength(64);
    for (const bad of [
      { role: 'owner' },
      { blocked: 'yes' },
      { search: '' },
      { search: 'a b' },
      { search: 'x'.repeat(65) },
      { page: '0' },
      { pageSize: '101' },
      { sort: 'name' },
    ]) {
      expect(ok(userListQuerySchema.safeParse(bad)), JSON.stringify(bad)).toBe(false);
    }
  });

  it('sets one to four distinct roles, with a reason of 1 to 500 characters (trimmed)', () => {
    expect(setRolesBodySchema.parse({ roles: ['worker'], reason: '  left the lab ' })).toEqual({
      roles: ['worker'],
      reason: 'left the lab',
    });
    const all = ['worker', 'reviewer', 'researcher', 'admin'];
    expect(setRolesBodySchema.parse({ roles: all, reason: 'x'.repeat(500) }).roles).toEqual(all);
    const repeated = setRolesBodySchema.safeParse({ roles: ['worker', 'worker'], reason: 'r' });
    expect(repeated.error?.issues.map((i) => i.message)).toEqual(['roles repeat']);
    for (const bad of [
      { roles: [], reason: 'r' },
      { roles: ['owner'], reason: 'r' },
      { roles: [...all, 'worker'], reason: 'r' },
      { roles: ['worker'], reason: '   ' },
      { roles: ['worker'], reason: 'x'.repeat(501) },
      { roles: ['worker'] },
      { roles: ['worker'], reason: 'r', blocked: true },
    ]) {
      expect(ok(setRolesBodySchema.safeParse(bad)), JSON.stringify(bad)).toBe(false);
    }
  });

  it('invites a username with roles, under the same rules for the roles', () => {
    expect(inviteUserBodySchema.parse({ username: 'ann.b-2', roles: ['researcher'] })).toEqual({
      username: 'ann.b-2',
      roles: ['researcher'],
    });
    for (const bad of [
      { username: 'Ann', roles: ['worker'] },
      { username: 'ann', roles: ['worker', 'worker'] },
      { username: 'ann', roles: [] },
      { username: 'ann', roles: ['worker'], reason: 'r' },
    ]) {
      expect(ok(inviteUserBodySchema.safeParse(bad)), JSON.stringify(bad)).toBe(false);
    }
  });

  it('takes a password link token of exactly 43 URL-safe characters, and a password', () => {
    expect(passwordLinkLookupBodySchema.parse({ token })).toEqual({ token });
    expect(passwordLinkRedeemBodySchema.parse({ token, password: 'p'.repeat(256) })).toEqual({
      token,
      password: 'p'.repeat(256),
    });
    for (const bad of [
      { token: token.slice(1) },
      { token: `${token}A` },
      { token: `${token.slice(1)}=` },
      { token, extra: 1 },
    ]) {
      expect(ok(passwordLinkLookupBodySchema.safeParse(bad)), JSON.stringify(bad)).toBe(false);
    }
    for (const password of ['', 'p'.repeat(257)]) {
      expect(ok(passwordLinkRedeemBodySchema.safeParse({ token, password }))).toBe(false);
    }
  });
});
