import type { Role } from '../../../shared/protocol/roles';

export interface NavItem {
  href: string;
  label: string;
  /** Who sees the entry (admins see everything). */
  roles: readonly Role[];
}

/**
 * The navigation, by role. Screens still to come (datasets, novelty view, review console,
 * user management) add an entry here and a route in App.tsx.
 */
export const navItems: readonly NavItem[] = [
  { href: '/annotate', label: 'Annotate', roles: ['worker', 'reviewer', 'researcher'] },
  { href: '/rounds', label: 'Rounds', roles: ['researcher'] },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return navItems.filter(
    (item) => roles.includes('admin') || item.roles.some((r) => roles.includes(r)),
  );
}

/** Where a user lands after signing in: their main job. */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('researcher') || roles.includes('admin')) {
    return '/rounds';
  }
  return roles.includes('worker') ? '/annotate' : '/status';
}
