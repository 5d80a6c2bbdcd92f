import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { GoldExpectations } from '../../shared/quality/gold';

/**
 * The known-good behaviour ranges of a gold task (shared/quality/gold.ts), one per task. Kept
 * beside the task rather than in it, so that leasing's task writes never touch them.
 */
export interface GoldSpec {
  _id: Types.ObjectId;
  taskId: string;
  expectations: GoldExpectations;
  createdBy: string;
  createdAt: Date;
}

const goldSpecSchema = new Schema<GoldSpec>(
  {
    taskId: { type: String, required: true, unique: true },
    expectations: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export function goldSpecModel(connection: Connection): Model<GoldSpec> {
  return (
    (connection.models.GoldSpec as Model<GoldSpec> | undefined) ??
    connection.model<GoldSpec>('GoldSpec', goldSpecSchema, 'goldSpecs')
  );
}
