import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * A crowd study (a Prolific/MTurk project): its link brings workers in with their external id,
 * and its completion code is shown when they finish a task. Researchers will create them with
 * rounds; for now `parley start` creates a demo study.
 */
const studySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    completionCode: { type: String, required: true },
    open: { type: Boolean, required: true, default: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

export type Study = InferSchemaType<typeof studySchema>;

export function studyModel(connection: Connection): Model<Study> {
  return (
    (connection.models.Study as Model<Study> | undefined) ??
    connection.model<Study>('Study', studySchema, 'studies')
  );
}

export function findStudy(connection: Connection, studyId: string): Promise<Study | null> {
  return studyModel(connection).findById(studyId).lean<Study>().exec();
}
