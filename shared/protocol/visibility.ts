import type { Role } from './roles';

/**
 * The one visibility rule for what users own (rounds, datasets and the records they hold):
 * a user sees their own, admins see everyone's. Reads, lists and exports all ask this module,
 * so the rule is written once; anything not visible answers as if it did not exist (404).
 */
export interface Viewer {
  id: string;
  roles: readonly Role[];
}

/** Admins see what every user owns (and what no one owns: platform records, legacy imports). */
export function seesEveryOwner(viewer: Viewer): boolean {
  return viewer.roles.includes('admin');
}

/** Whether the viewer may see a thing owned by `owner` (null: owned by no one, admins only). */
export function mayView(viewer: Viewer, owner: string | null | undefined): boolean {
  return (
    seesEveryOwner(viewer) || (typeof owner === 'string' && owner !== '' && owner === viewer.id)
  );
}
