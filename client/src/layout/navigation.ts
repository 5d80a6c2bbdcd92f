import type { Role } from '../../../shared/protocol/roles';

export interface NavItem {
  href: string;
  label: string;
  /** Who sees the entry (admins see everything). */
  roles: readonly Role[];
}

/**
 * The navigation, by role (mirrors the permissions of shared/protocol/roles.ts; the server
 * decides). A new screen adds an entry here and a route in App.tsx.
 */
export const navItems: readonly NavItem[] = [
  { href: '/annotate', label: 'Annotate', roles: ['worker', 'reviewer', 'researcher'] },
  { href: '/my-annotations', label: 'My annotations', roles: ['worker'] },
  { href: '/rounds', label: 'Rounds', roles: ['researcher'] },
  { href: '/studies', label: 'Studies', roles: ['researcher'] },
  { href: '/datasets', label: 'Datasets', roles: ['researcher'] },
  { href: '/review', label: 'Review', roles: ['reviewer'] },
  { href: '/admin/users', label: 'Users', roles: ['admin'] },
  { href: '/audit', label: 'Audit', roles: ['admin'] },
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
  if (roles.includes('reviewer')) {
    return '/review';
  }
  return roles.includes('worker') ? '/annotate' : '/status';
}
