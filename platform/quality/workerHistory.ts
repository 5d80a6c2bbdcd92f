import { Schema, type Connection, type Model } from 'mongoose';
import type { Act, ActType } from '../../shared/dialogue/acts';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import { isBackfilled, markBackfilled } from '../database/backfills';

/**
 * Each worker's first responses (the act type they answered Alice's novel act with), one entry
 * per completed annotation, for the `always_agree` flag. Kept per worker because reading them
 * from the annotations would scan every annotation (the embedded database has no index on
 * `workerId`) at every completion, holding the collection's lock.
 */
const historySchema = new Schema(
  {
    _id: { type: String, required: true },
    firstResponses: {
      type: [{ _id: false, annotationId: String, type: { type: String } }],
      default: [],
    },
  },
  { versionKey: false },
);
interface WorkerHistory {
  _id: string;
  firstResponses: { annotationId: string; type: ActType }[];
}

export function workerHistoryModel(connection: Connection): Model<WorkerHistory> {
  return (
    (connection.models.WorkerHistory as Model<WorkerHistory> | undefined) ??
    connection.model<WorkerHistory>('WorkerHistory', historySchema, 'workerHistories')
  );
}

export const workerHistoriesBackfill = 'workerHistories';

/** A worker's first responses, read from their completed annotations (a scan of them all). */
async function firstResponsesOf(
  connection: Connection,
  filter: { workerId?: string },
): Promise<Map<string, WorkerHistory['firstResponses']>> {
  const past = await annotationModel(connection)
    .find({ ...filter, status: 'completed' }, { workerId: 1, turns: 1 })
    .lean<Pick<Annotation, '_id' | 'workerId' | 'turns'>[]>()
    .exec();
  const byWorker = new Map<string, WorkerHistory['firstResponses']>();
  for (const a of past) {
    const first = a.turns.find((t) => t.speaker === 1)?.act as Act | undefined;
    const entries = byWorker.get(a.workerId) ?? [];
    if (first !== undefined) {
      entries.push({ annotationId: a._id.toHexString(), type: first.type });
    }
    byWorker.set(a.workerId, entries);
  }
  return byWorker;
}

async function createHistory(
  connection: Connection,
  workerId: string,
  firstResponses: WorkerHistory['firstResponses'],
): Promise<void> {
  await workerHistoryModel(connection)
    .updateOne({ _id: workerId }, { $setOnInsert: { firstResponses } }, { upsert: true })
    .exec();
}

/**
 * Builds the history of every worker with completed annotations that has none (annotations
 * from before histories existed), then records that histories are complete: a worker without
 * one has no completed annotation, and a completion needs no scan. One scan, at start.
 */
export async function backfillWorkerHistories(connection: Connection): Promise<void> {
  for (const [workerId, firstResponses] of await firstResponsesOf(connection, {})) {
    await createHistory(connection, workerId, firstResponses);
  }
  await markBackfilled(connection, workerHistoriesBackfill);
}

/**
 * Records one completed annotation's first response (idempotent: a check retried after a
 * crash adds nothing) and returns the worker's first responses, this one included. A worker
 * without a history, on a database whose histories were never backfilled, gets it built from
 * their annotations once.
 */
export async function recordFirstResponse(
  connection: Connection,
  workerId: string,
  entry: { annotationId: string; type: ActType } | null,
): Promise<ActType[]> {
  const histories = workerHistoryModel(connection);
  if (
    !(await isBackfilled(connection, workerHistoriesBackfill)) &&
    (await histories.exists({ _id: workerId })) === null
  ) {
    const past = await firstResponsesOf(connection, { workerId });
    await createHistory(connection, workerId, past.get(workerId) ?? []);
  }
  const history =
    entry === null
      ? await histories.findById(workerId).lean<WorkerHistory>().exec()
      : await histories
          .findOneAndUpdate(
            { _id: workerId },
            {
              $addToSet: { firstResponses: { annotationId: entry.annotationId, type: entry.type } },
            },
            { new: true, upsert: true },
          )
          .lean<WorkerHistory>()
          .exec();
  return (history?.firstResponses ?? []).map((e) => e.type);
}
