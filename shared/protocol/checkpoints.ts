import { z } from 'zod';
import { domainIds } from '../domain/domains';

export const checkpointListRoles = ['alice', 'bob', 'expert'] as const;

/** `GET /api/checkpoints?domain=…&role=…`: the checkpoints a researcher may start a round from. */
export const checkpointListQuerySchema = z.strictObject({
  domain: z.enum(domainIds),
  role: z.enum(checkpointListRoles),
});
export type CheckpointListQuery = z.infer<typeof checkpointListQuerySchema>;

/** One checkpoint a round may use, with a name a person can read. */
export interface CheckpointOption {
  /** The version id a round's `checkpoints.alice`/`.bob` takes. */
  version: string;
  /** e.g. `Bob after “pilot round” (default)` or `Bootstrap Alice, seed 1`. */
  label: string;
  domain: string;
  role: (typeof checkpointListRoles)[number];
  /**
   * The caller's default of this role — their promoted one, else the domain's: what `null` in
   * their round means.
   */
  current: boolean;
  /** The round that trained it, when one did (and the caller may see that round). */
  roundId: string | null;
  roundName: string | null;
  readyAt: string | null;
}
