import type { Connection } from 'mongoose';
import type { CheckpointListQuery, CheckpointOption } from '../../shared/protocol/checkpoints';
import { mayView, seesEveryOwner } from '../../shared/protocol/visibility';
import type { SessionUser } from '../auth/sessionUser';
import { NotFoundError } from '../errors';
import { roundModel } from '../rounds/roundModel';
import { checkpointModel, type CheckpointDoc } from './checkpointModel';
import { createCheckpointStore } from './checkpointStore';

const roleName = { alice: 'Alice', bob: 'Bob', expert: 'Expert' } as const;

/**
 * The checkpoints a researcher may start a round from: for a domain and role, the ready ones
 * that no round trained (bootstraps), those trained by the caller's own rounds (an admin's:
 * every round's), and the domain's default, which only a bootstrap or an admin sets. Newest
 * first, the caller's default (their promoted one, else the domain's) on top. Another
 * researcher's round's checkpoint is neither listed nor usable.
 */
export async function usableCheckpoints(
  connection: Connection,
  user: SessionUser,
  { domain, role }: CheckpointListQuery,
  /** Only this version (is it usable?), however old. */
  only?: string,
): Promise<CheckpointOption[]> {
  const isAdmin = seesEveryOwner(user);
  const store = createCheckpointStore(connection);
  const domainDefault = await store.currentVersion(domain, role);
  const callerDefault = await store.currentVersion(domain, role, user.id);
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
        : {
            $or: [
              { roundId: null, owner: null },
              { owner: user.id },
              // Checkpoints saved before they carried an owner: their round says whose they are.
              { roundId: { $in: own } },
              { _id: domainDefault ?? '' },
            ],
          }),
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
      .filter((r) => mayView(user, r.owner))
      .map((r) => [r._id.toHexString(), r.name]),
  );
  return docs
    .map((doc) => option(doc, doc._id === callerDefault, names.get(doc.roundId ?? '') ?? null))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Refuses a checkpoint the researcher may not use. Unknown, not ready, of another domain or
 * role, or trained by someone else's round: the same 404, so names cannot be probed.
 */
export async function assertUsableCheckpoint(
  connection: Connection,
  user: SessionUser,
  query: CheckpointListQuery,
  version: string,
): Promise<void> {
  const usable = await usableCheckpoints(connection, user, query, version);
  if (!usable.some((c) => c.version === version)) {
    throw new NotFoundError(
      `There is no ready ${query.domain} checkpoint "${version}" for ${roleName[query.role]} ` +
        `that you may use. Pick one from GET /api/checkpoints?domain=${query.domain}&role=${query.role}, ` +
        `or leave it empty to start from your default.`,
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
    label: `${labelOf(doc._id, role, roundName)}${current ? ' (default)' : ''}`,
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
