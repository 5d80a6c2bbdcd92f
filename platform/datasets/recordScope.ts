import type { Connection, FilterQuery } from 'mongoose';
import { mayView, seesEveryOwner, type Viewer } from '../../shared/protocol/visibility';
import { dialogueModel, type StoredDialogue } from '../dialogues/dialogueModel';
import { ForbiddenError, NotFoundError } from '../errors';
import { roundModel } from '../rounds/roundModel';
import { datasetModel, type StoredDataset } from './datasetModel';

/** No restriction: admins, and the operator's `parley datasets` (it holds the database itself). */
export const everyRecord: FilterQuery<StoredDialogue> = {};

/**
 * The stored records a viewer may read (shared/protocol/visibility.ts): an admin every one;
 * anyone else the records of the datasets they own and the unlabelled records (annotations,
 * self-play, oracle answers) of the rounds they own. Records of no round and no owned dataset
 * (demo tasks, operator imports) are the platform's: admins only.
 */
export async function visibleRecords(
  connection: Connection,
  viewer: Viewer,
): Promise<FilterQuery<StoredDialogue>> {
  if (seesEveryOwner(viewer)) {
    return everyRecord;
  }
  const [datasets, rounds] = await Promise.all([
    datasetModel(connection).find({ owner: viewer.id }, { _id: 1 }).lean().exec(),
    roundModel(connection).find({ owner: viewer.id }, { _id: 1 }).lean().exec(),
  ]);
  return {
    $or: [
      { dataset: { $in: datasets.map((d) => d._id) } },
      { dataset: null, roundId: { $in: rounds.map((r) => r._id.toHexString()) } },
    ],
  };
}

/** Another user's round is a 404, exactly like a round that does not exist. */
export async function assertRoundVisible(
  connection: Connection,
  viewer: Viewer,
  roundId: string,
): Promise<void> {
  const round = await roundModel(connection).findById(roundId, { owner: 1 }).lean().exec();
  if (round === null || !mayView(viewer, round.owner)) {
    throw new NotFoundError(`No round ${roundId}.`);
  }
}

/** Another user's dataset label is a 404, exactly like a label no one has used. */
export async function assertDatasetVisible(
  connection: Connection,
  viewer: Viewer,
  label: string,
): Promise<void> {
  const dataset = await findDataset(connection, label);
  if (dataset === null || !mayView(viewer, dataset.owner)) {
    throw new NotFoundError(`No dataset "${label}".`);
  }
}

/**
 * The dataset an import may write to: a new label becomes the importer's; an existing one must
 * be theirs (admins: any). `importer: null` is the operator's CLI, which may import anywhere;
 * its new labels belong to `newOwner` (default: no one). A refusal is a 403 that says the label is taken and nothing else (not whose it is, nor
 * what it holds): labels are one namespace, like usernames, so a taken label cannot be hidden.
 */
export async function claimDataset(
  connection: Connection,
  importer: Viewer | null,
  label: string,
  newOwner: string | null = importer?.id ?? null,
): Promise<StoredDataset> {
  const existing = await findDataset(connection, label);
  const dataset = existing ?? (await createDataset(connection, label, newOwner));
  if (importer !== null && !mayView(importer, dataset.owner)) {
    throw new ForbiddenError(
      `The dataset label "${label}" is taken by another user; import under a label of your own.`,
    );
  }
  return dataset;
}

/** The label's dataset; a label used before datasets had owners counts as the platform's. */
async function findDataset(connection: Connection, label: string): Promise<StoredDataset | null> {
  const dataset = await datasetModel(connection).findById(label).lean<StoredDataset>().exec();
  if (dataset !== null) {
    return dataset;
  }
  const legacy = await dialogueModel(connection).exists({ dataset: label }).exec();
  return legacy === null ? null : { _id: label, owner: null, createdAt: new Date(0) };
}

async function createDataset(
  connection: Connection,
  label: string,
  owner: string | null,
): Promise<StoredDataset> {
  const datasets = datasetModel(connection);
  try {
    const created = await datasets.create({ _id: label, owner, createdAt: new Date() });
    return created.toObject();
  } catch (error) {
    // Two first imports of one label at once: the other one created it; its owner decides.
    if ((error as { code?: unknown }).code === 11000) {
      const winner = await datasets.findById(label).lean<StoredDataset>().exec();
      if (winner !== null) {
        return winner;
      }
    }
    throw error;
  }
}
