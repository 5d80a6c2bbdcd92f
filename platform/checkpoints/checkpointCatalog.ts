import type { Connection } from 'mongoose';
import type { CheckpointListQuery, CheckpointOption } from '../../shared/protocol/checkpoints';
import type { SessionUser } from '../auth/sessionUser';
import { ValidationError } from '../errors';
import { roundModel } from '../rounds/roundModel';
import { checkpointModel, currentCheckpointModel, type CheckpointDoc } from './checkpointModel';

const roleName = { alice: 'Alice', bob: 'Bob', expert: 'Expert' } as const;

/**
 * The checkpoints a researcher may start a round from: for a domain and role, the ready ones
 * that no round trained (bootstraps, imports), those trained by the caller's own rounds (an
 * admin's: every round's), and the domain's current one whoever trained it. Newest first,
 * the current one on top. Another researcher's round's checkpoint is not listed (nor usable).
 */
export async function usableCheckpoints(
  connection: Connection,
  user: SessionUser,
  { domain, role }: CheckpointListQuery,
  /** Only this version (is it usable?), however old. */
  only?: string,
): Promise<CheckpointOption[]> {
  const isAdmin = user.roles.includes('admin');
  const pointer = await currentCheckpointModel(connection).findById(`${domain}/${role}`).lean();
  const current = pointer?.version ?? null;
  const own = isAdmin
    ? null
    : (await roundModel(connection).find({ owner: user.id }, { _id: 1 }).lean()).map((r) =>
        r._id.toHexString(),
      );
  const docs = await checkpointModel(connection)
    .find({
      domain,
      role,
      status: 'ready',
      ...(only === undefined ? {} : { _id: only }),
      ...(own === null
        ? {}
        : { $or: [{ roundId: null }, { roundId: { $in: own } }, { _id: current ?? '' }] }),
    })
    .sort({ readyAt: -1 })
    .limit(200)
    .lean<(CheckpointDoc & { _id: string })[]>();
  const roundIds = docs.flatMap((d) => (d.roundId === null ? [] : [d.roundId]));
  const names = new Map(
    (
      await roundModel(connection)
        .find({ _id: { $in: roundIds } }, { name: 1, owner: 1 })
        .lean()
    )
      .filter((r) => isAdmin || r.owner === user.id)
      .map((r) => [r._id.toHexString(), r.name]),
  );
  return docs
    .map((doc) => option(doc, doc._id === current, names.get(doc.roundId ?? '') ?? null))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Refuses a round whose checkpoint is not one the researcher may use (unknown, not ready, of
 * another domain or role, or trained by someone else's round), naming it and the way out.
 */
export async function assertUsableCheckpoint(
  connection: Connection,
  user: SessionUser,
  query: CheckpointListQuery,
  version: string,
): Promise<void> {
  const usable = await usableCheckpoints(connection, user, query, version);
  if (!usable.some((c) => c.version === version)) {
    throw new ValidationError(
      `There is no ready ${query.domain} checkpoint "${version}" for ${roleName[query.role]} ` +
        `that you may use. Pick one from GET /api/checkpoints?domain=${query.domain}&role=${query.role}, ` +
        `or leave it empty to use the domain's current one.`,
      [{ path: ['checkpoints', query.role], message: `unknown checkpoint ${version}` }],
    );
  }
}

function option(
  doc: CheckpointDoc & { _id: string },
  current: boolean,
  roundName: string | null,
): CheckpointOption {
  const role = doc.role;
  return {
    version: doc._id,
    label: `${labelOf(doc._id, role, roundName)}${current ? ' (current)' : ''}`,
    domain: doc.domain,
    role,
    current,
    roundId: roundName === null ? null : (doc.roundId ?? null),
    roundName,
    readyAt: doc.readyAt?.toISOString() ?? null,
  };
}

function labelOf(version: string, role: CheckpointOption['role'], roundName: string | null) {
  if (roundName !== null) {
    return `${roleName[role]} after “${roundName}”`;
  }
  const bootstrap = /^bootstrap-.+-s(\d+)-\w+$/.exec(version);
  if (bootstrap !== null) {
    return `Bootstrap ${roleName[role]}, seed ${bootstrap[1] ?? '?'}`;
  }
  return `${roleName[role]} ${version}`;
}
