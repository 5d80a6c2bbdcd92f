import { Schema, type Connection, type Model } from 'mongoose';
import type { Act, ActType } from '../../shared/dialogue/acts';
import { annotationModel, type Annotation } from '../annotation/annotationModel';

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

/**
 * Records one completed annotation's first response (idempotent: a check retried after a
 * crash adds nothing) and returns the worker's first responses, this one included. A worker
 * without a history yet (annotations from before it existed) gets it built from their
 * annotations once.
 */
export async function recordFirstResponse(
  connection: Connection,
  workerId: string,
  entry: { annotationId: string; type: ActType } | null,
): Promise<ActType[]> {
  const histories = workerHistoryModel(connection);
  if ((await histories.exists({ _id: workerId })) === null) {
    const past = await annotationModel(connection)
      .find({ workerId, status: 'completed' }, { turns: 1 })
      .lean<Pick<Annotation, '_id' | 'turns'>[]>()
      .exec();
    const firstResponses = past.flatMap((a) => {
      const first = a.turns.find((t) => t.speaker === 1)?.act as Act | undefined;
      return first === undefined ? [] : [{ annotationId: a._id.toHexString(), type: first.type }];
    });
    await histories
      .updateOne({ _id: workerId }, { $setOnInsert: { firstResponses } }, { upsert: true })
      .exec();
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
            { new: true },
          )
          .lean<WorkerHistory>()
          .exec();
  return (history?.firstResponses ?? []).map((e) => e.type);
}
