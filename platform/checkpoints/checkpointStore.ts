import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { DomainId } from '../../shared/domain/types';
import {
  checkpointModel,
  currentCheckpointKey,
  currentCheckpointModel,
  type CheckpointDoc,
  type CheckpointRole,
} from './checkpointModel';

export const checkpointBucketName = 'policyCheckpoints';

export interface NewCheckpoint {
  version: string;
  domain: DomainId;
  role: CheckpointRole;
  roundId?: string | null;
  /** The researcher whose round trained it (null: a bootstrap anyone may use). */
  owner?: string | null;
  parent?: string | null;
  training?: Record<string, unknown> | null;
  metrics?: Record<string, number> | null;
}

const duplicateKey = 11000;

/**
 * Policy checkpoints in GridFS with their metadata in `checkpoints`. A save writes the metadata
 * as `writing`, then the whole file, then flips `writing → ready` in one compare-and-set; only a
 * ready checkpoint can be read or made current. A save that dies half-way leaves a `writing`
 * document (and maybe a partial file) that a retry with the same version replaces.
 */
export function createCheckpointStore(connection: Connection) {
  const checkpoints = checkpointModel(connection);
  const current = currentCheckpointModel(connection);
  const bucket = () =>
    new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: checkpointBucketName });

  async function get(version: string): Promise<CheckpointDoc | null> {
    return checkpoints.findById(version).lean<CheckpointDoc>().exec();
  }

  /**
   * Stores `bytes` as `version` unless that version is already ready (then nothing changes: a
   * retried job finds its earlier attempt's checkpoint). `interrupt` exists for tests: it runs
   * after the file is written and before the checkpoint is marked ready.
   */
  async function save(
    checkpoint: NewCheckpoint,
    bytes: Uint8Array,
    options: { interrupt?: () => Promise<void> } = {},
  ): Promise<CheckpointDoc> {
    const existing = await get(checkpoint.version);
    if (existing?.status === 'ready') {
      return existing;
    }
    const now = new Date();
    await checkpoints
      .updateOne(
        { _id: checkpoint.version },
        {
          $set: {
            domain: checkpoint.domain,
            role: checkpoint.role,
            roundId: checkpoint.roundId ?? null,
            owner: checkpoint.owner ?? null,
            parent: checkpoint.parent ?? null,
            status: 'writing',
            fileId: null,
            training: checkpoint.training ?? null,
            metrics: checkpoint.metrics ?? null,
            createdAt: now,
            readyAt: null,
          },
        },
        { upsert: true },
      )
      .catch((error: unknown) => {
        // Two writers of one version at once: the other upserted first; carry on.
        if ((error as { code?: unknown }).code !== duplicateKey) {
          throw error;
        }
      });
    // Leftovers of an attempt that died mid-write are never read (not ready); drop them.
    await removeFiles(checkpoint.version);
    const upload = bucket().openUploadStream(checkpoint.version, {
      metadata: { version: checkpoint.version },
    });
    await pipeline(Readable.from([Buffer.from(bytes)]), upload);
    await options.interrupt?.();
    await checkpoints.updateOne(
      { _id: checkpoint.version, status: 'writing' },
      { $set: { status: 'ready', fileId: upload.id, readyAt: new Date() } },
    );
    const saved = await get(checkpoint.version);
    if (saved?.status !== 'ready') {
      throw new Error(`checkpoint ${checkpoint.version} could not be marked ready`);
    }
    return saved;
  }

  async function removeFiles(version: string): Promise<void> {
    const files = await bucket().find({ filename: version }).toArray();
    for (const file of files) {
      await bucket()
        .delete(file._id)
        .catch(() => undefined);
    }
  }

  /** The bytes of a ready checkpoint; throws for an unknown or unfinished one. */
  async function load(version: string): Promise<{ doc: CheckpointDoc; bytes: Uint8Array }> {
    const doc = await get(version);
    if (doc?.status !== 'ready' || doc.fileId === null) {
      throw new Error(`checkpoint ${version} is not ready`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of bucket().openDownloadStream(doc.fileId as mongoose.Types.ObjectId)) {
      chunks.push(chunk as Buffer);
    }
    return { doc, bytes: new Uint8Array(Buffer.concat(chunks)) };
  }

  /**
   * The version a round of `owner` starts from when it names none: the owner's promoted one,
   * else the domain's. Without an owner, the domain's. Null when there is neither.
   */
  async function currentVersion(
    domain: DomainId,
    role: CheckpointRole,
    owner: string | null = null,
  ): Promise<string | null> {
    const keys = owner === null ? [] : [currentCheckpointKey(domain, role, owner)];
    keys.push(currentCheckpointKey(domain, role, null));
    const pointers = await current
      .find({ _id: { $in: keys } })
      .lean()
      .exec();
    for (const key of keys) {
      const pointer = pointers.find((p) => p._id === key);
      if (pointer !== undefined) {
        return pointer.version;
      }
    }
    return null;
  }

  /**
   * Makes a ready checkpoint a default for its domain and role: `owner`'s (a researcher's
   * promotion) or, without one, the domain's. `ifNone`: only when there is none yet
   * (bootstrapping; a concurrent bootstrap may win, then its version stays). Returns the
   * version the pointer holds afterwards.
   */
  async function makeCurrent(
    version: string,
    options: { ifNone?: boolean; owner?: string | null } = {},
  ): Promise<string | null> {
    const doc = await get(version);
    if (doc?.status !== 'ready') {
      throw new Error(`checkpoint ${version} is not ready and cannot become current`);
    }
    const owner = options.owner ?? null;
    const id = currentCheckpointKey(doc.domain, doc.role, owner);
    const now = new Date();
    if (options.ifNone === true) {
      await current
        .updateOne({ _id: id }, { $setOnInsert: { version, updatedAt: now } }, { upsert: true })
        .catch((error: unknown) => {
          if ((error as { code?: unknown }).code !== duplicateKey) {
            throw error;
          }
        });
    } else {
      await current.updateOne({ _id: id }, { $set: { version, updatedAt: now } }, { upsert: true });
    }
    const pointer = await current.findById(id).lean().exec();
    return pointer?.version ?? null;
  }

  return { get, save, load, currentVersion, makeCurrent };
}

export type CheckpointStore = ReturnType<typeof createCheckpointStore>;
