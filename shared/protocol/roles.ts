/**
 * Roles and what each may do. The table is the authorization policy of the whole platform:
 * routes and socket events name a permission, never a role, so a new role or a changed rule
 * is one edit here. Admins may do everything.
 */
export const roles = ['worker', 'reviewer', 'researcher', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  /** Claim tasks and annotate in Bob's seat (`/annotate`). */
  annotate: ['worker', 'reviewer', 'researcher'],
  /** Create and revoke API tokens for scripts. */
  manageApiTokens: ['researcher'],
  /** Create and steer their own acquisition rounds (admins see and steer every round). */
  manageRounds: ['researcher'],
  /** Create and steer their own crowd studies (admins see and steer every study). */
  manageStudies: ['researcher'],
  /** Review annotations (queue, detail with both sides, decisions), worker stats, block workers. */
  review: ['reviewer'],
  /** Read a round's quality numbers (researchers: their own rounds). */
  readRoundQuality: ['reviewer', 'researcher'],
  /** Create gold tasks with known-good behaviour ranges. */
  manageGoldTasks: ['researcher'],
  /** List users, change roles, block anyone (admins only). */
  manageUsers: [],
  /** Read the audit log (admins only). */
  readAuditLog: [],
  /** Read the Prometheus metrics (`GET /api/metrics`): admins only. */
  viewMetrics: [],
  /** Export, import and list datasets of dialogue records (server/datasets). */
  manageDatasets: ['researcher'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return userRoles.some((role) => role === 'admin' || allowed.includes(role));
}
