import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';

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

/** Stores a record once: writing the same id again changes nothing. */
export async function storeDialogueRecord(
  connection: Connection,
  record: DialogueRecord,
  refs: { taskId: string | null; roundId: string | null },
): Promise<void> {
  await dialogueModel(connection).updateOne(
    { _id: record.id },
    {
      $setOnInsert: {
        source: record.source,
        domain: record.domain,
        taskId: refs.taskId,
        roundId: refs.roundId,
        record,
        createdAt: new Date(),
      },
    },
    { upsert: true },
  );
}
