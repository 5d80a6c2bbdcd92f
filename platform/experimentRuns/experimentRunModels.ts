import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * A distributed `parley experiment --distributed` run: its configuration, which the workers
 * read (validated again by experiments/ before use). The id is the run's, kept in the run
 * directory so that the same command resumes the same run.
 */
const experimentRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    config: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

/**
 * What one finished unit of a run left: a preparation's data summary, or a method's evaluations.
 * Its id is `<runId>/<seed>/<unit>`: a unit that runs twice (a lease taken over) overwrites
 * its own record with the same numbers.
 */
const experimentUnitResultSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    seed: { type: Number, required: true },
    /** `prepare`, or the method's name. */
    unit: { type: String, required: true },
    summary: { type: Schema.Types.Mixed, default: null },
    results: { type: Schema.Types.Mixed, default: null },
    jobId: { type: String, required: true },
    seconds: { type: Number, required: true },
    finishedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
experimentUnitResultSchema.index({ runId: 1 });

export type ExperimentRunDoc = InferSchemaType<typeof experimentRunSchema>;
export type ExperimentUnitResultDoc = InferSchemaType<typeof experimentUnitResultSchema>;

export function experimentRunModel(connection: Connection): Model<ExperimentRunDoc> {
  return (
    (connection.models.ExperimentRun as Model<ExperimentRunDoc> | undefined) ??
    connection.model<ExperimentRunDoc>('ExperimentRun', experimentRunSchema, 'experimentRuns')
  );
}

export function experimentUnitResultModel(connection: Connection): Model<ExperimentUnitResultDoc> {
  return (
    (connection.models.ExperimentUnitResult as Model<ExperimentUnitResultDoc> | undefined) ??
    connection.model<ExperimentUnitResultDoc>(
      'ExperimentUnitResult',
      experimentUnitResultSchema,
      'experimentUnitResults',
    )
  );
}
