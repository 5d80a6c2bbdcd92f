import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * An import label and who owns it (docs/security.md, "Datasets"). Labels are one namespace:
 * the first import under a label creates it for the importer, and only its owner (or an admin)
 * may import into it again. `owner: null` is a platform dataset: one imported by the operator's
 * `parley datasets import`, or labelled before datasets had owners; only admins see those.
 */
const datasetSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, default: null, index: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

export type StoredDataset = InferSchemaType<typeof datasetSchema> & { _id: string };

export function datasetModel(connection: Connection): Model<StoredDataset> {
  return (
    (connection.models.Dataset as Model<StoredDataset> | undefined) ??
    connection.model<StoredDataset>('Dataset', datasetSchema, 'datasets')
  );
}
