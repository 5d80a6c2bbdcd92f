import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { RecordIdTakenError } from '../errors';

/**
 * Dialogue records (docs: the JSONL dialogue format) stored as they are, with a few fields
 * copied out for queries. Finished annotations land here as `source: annotation` (D′).
 */
const dialogueSchema = new Schema(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true, index: true },
    domain: { type: String, required: true },
    taskId: { type: String, default: null, index: true },
    roundId: { type: String, default: null },
    /** The label of the import that brought the record (server/datasets); null otherwise. */
    dataset: { type: String, default: null, index: true },
    record: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

export type StoredDialogue = Omit<InferSchemaType<typeof dialogueSchema>, 'record'> & {
  record: DialogueRecord;
};

export function dialogueModel(connection: Connection): Model<StoredDialogue> {
  return (
    (connection.models.Dialogue as Model<StoredDialogue> | undefined) ??
    connection.model<StoredDialogue>('Dialogue', dialogueSchema, 'dialogues')
  );
}

/**
 * The stored id of an imported record: the server's namespace `import:<dataset>:<id>`, so no
 * file can occupy an id a round (`<roundId>-…`), an annotation (`annotation-…`) or another
 * dataset will write. The record itself keeps the id its file gave it.
 */
export function importedRecordId(dataset: string, recordId: string): string {
  return `import:${dataset}:${recordId}`;
}

/**
 * Stores a record once: writing the same id again for the same round and task changes nothing
 * (at-least-once jobs rerun), but an id held by a record someone else created is a
 * RecordIdTakenError, never a silent success.
 */
export async function storeDialogueRecord(
  connection: Connection,
  record: DialogueRecord,
  refs: { taskId: string | null; roundId: string | null },
): Promise<void> {
  const dialogues = dialogueModel(connection);
  const result = await dialogues.updateOne(
    { _id: record.id },
    {
      $setOnInsert: {
        source: record.source,
        domain: record.domain,
        taskId: refs.taskId,
        roundId: refs.roundId,
        dataset: null,
        record,
        createdAt: new Date(),
      },
    },
    { upsert: true },
  );
  if (result.upsertedCount === 1) {
    return;
  }
  const existing = await dialogues
    .findById(record.id, { source: 1, taskId: 1, roundId: 1, dataset: 1 })
    .lean()
    .exec();
  const own =
    existing !== null &&
    existing.source === record.source &&
    (existing.dataset ?? null) === null &&
    (existing.taskId ?? null) === refs.taskId &&
    (existing.roundId ?? null) === refs.roundId;
  if (!own) {
    throw new RecordIdTakenError(record.id);
  }
}
