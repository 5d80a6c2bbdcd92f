import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { domainIds } from '../../shared/domain/domains';
import {
  acquisitionOrders,
  activeStages,
  aliceLearningModes,
  noveltyMetrics,
  promotionScopes,
  retrainingPolicies,
  roundLearningDefaults,
  roundStatuses,
  type OracleMix,
} from '../../shared/protocol/rounds';

const progressSchema = new Schema(
  { done: { type: Number, required: true, default: 0 }, total: { type: Number, required: true } },
  { _id: false },
);

/**
 * An acquisition round: which models play, how many self-play dialogues, how many
 * of the most novel go to which oracle, how annotations may retrain Bob, and where the round
 * is. Status changes are compare-and-set writes on `status` (see roundService.ts).
 */
const roundSchema = new Schema(
  {
    owner: { type: String, required: true, index: true },
    name: { type: String, required: true },
    domain: { type: String, enum: domainIds, required: true },
    /** Null: no trained checkpoint yet, a scripted/ASTRA stand-in plays that side. */
    checkpoints: {
      alice: { type: String, default: null },
      bob: { type: String, default: null },
    },
    selfPlayDialogues: { type: Number, required: true },
    annotate: { type: Number, required: true },
    noveltyMetric: { type: String, enum: noveltyMetrics, required: true },
    oracleMix: {
      human: { type: Number, required: true },
      simulatedExpert: { type: Number, required: true },
      astra: { type: Number, required: true },
    },
    aliceLearning: {
      type: String,
      enum: aliceLearningModes,
      required: true,
      default: roundLearningDefaults.aliceLearning,
    },
    order: {
      type: String,
      enum: acquisitionOrders,
      required: true,
      default: roundLearningDefaults.order,
    },
    redundancy: { type: Number, required: true },
    goldRate: { type: Number, required: true },
    retrainingPolicy: { type: String, enum: retrainingPolicies, required: true },
    seed: { type: Number, required: true },
    status: { type: String, enum: roundStatuses, required: true, index: true },
    pausedFrom: { type: String, enum: [...activeStages, null], default: null },
    progress: {
      'self-play': { type: progressSchema, required: true },
      ranking: { type: progressSchema, required: true },
      annotating: { type: progressSchema, required: true },
      retraining: { type: progressSchema, required: true },
    },
    /** Why the round is `failed` (null otherwise): the stage, its job kind, the job's error. */
    failure: {
      type: new Schema(
        {
          stage: { type: String, enum: activeStages, required: true },
          job: { type: String, required: true },
          reason: { type: String, required: true },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** What the current stage is busy with when its counters cannot say (bootstrap training). */
    activity: { type: String, default: null },
    results: { type: Schema.Types.Mixed, default: null },
    /** Whose default the round's checkpoints became, once its owner (or an admin) promoted them. */
    promotion: {
      type: new Schema(
        {
          scope: { type: String, enum: promotionScopes, required: true },
          by: { type: String, required: true },
          at: { type: Date, required: true },
          alice: { type: String, default: null },
          bob: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /**
     * What the pipeline's stages record on the way (pipeline/): checkpoint versions used
     * and produced, and exactly which dialogues and annotations retrained Bob.
     */
    pipeline: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export type Round = InferSchemaType<typeof roundSchema> & { _id: Types.ObjectId };

export function roundModel(connection: Connection): Model<Round> {
  return (
    (connection.models.Round as Model<Round> | undefined) ??
    connection.model<Round>('Round', roundSchema, 'rounds')
  );
}

/** The round's oracle mix (required by the schema: a round without one is a broken document). */
export function oracleMixOf(round: Pick<Round, '_id' | 'oracleMix'>): OracleMix {
  const mix = round.oracleMix;
  if (mix === undefined || mix === null) {
    throw new Error(`round ${round._id.toHexString()} has no oracle mix`);
  }
  return { human: mix.human, simulatedExpert: mix.simulatedExpert, astra: mix.astra };
}
