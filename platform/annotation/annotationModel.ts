import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { reviewDeciders, reviewStatuses } from '../../shared/protocol/review';

export const annotationStatuses = ['active', 'completed', 'abandoned', 'expired'] as const;

/** One act said after the task's prefix: Bob's (the worker's, with its seq) or Alice's reply. */
const turnSchema = new Schema(
  {
    speaker: { type: Number, enum: [0, 1], required: true },
    act: { type: Schema.Types.Mixed, required: true },
    /** The worker's sequence number (Bob's acts only): resending it never acts twice. */
    seq: { type: Number, default: null },
    at: { type: Date, required: true },
    /** ASTRA's suggestion for this turn, when the worker asked for one before acting. */
    suggested: { type: Schema.Types.Mixed, default: null },
    /**
     * Alice's turns of a policy task: who answered ({ kind, name }) and, when ASTRA stood in
     * for a slow or failing policy, why (`fallback`). Null for Bob's turns and older records.
     */
    playedBy: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

/**
 * One worker's continuation of one task, written act by act (each act is stored before it is
 * acknowledged). A lease that ends early leaves it `expired` or `abandoned`, partial but kept.
 * Selections are absent until made; null means "no agreement".
 */
/** An automatic quality flag (server/quality): a stable code and what triggered it. */
const flagSchema = new Schema(
  { code: { type: String, required: true }, detail: { type: String, required: true } },
  { _id: false },
);

/** The review decision (shared/protocol/review.ts); `pending` until checks or a reviewer decide. */
const reviewSchema = new Schema(
  {
    status: { type: String, enum: reviewStatuses, required: true, default: 'pending' },
    decidedBy: { type: String, enum: [...reviewDeciders, null], default: null },
    reviewerId: { type: String, default: null },
    reason: { type: String, default: '' },
    bonusCents: { type: Number, required: true, default: 0 },
    at: { type: Date, default: null },
  },
  { _id: false },
);

const annotationSchema = new Schema(
  {
    taskId: { type: String, required: true },
    /** The task's round (null for tasks outside rounds, e.g. the demo tasks). */
    roundId: { type: String, default: null, index: true },
    workerId: { type: String, required: true, index: true },
    leaseId: { type: String, required: true },
    status: { type: String, enum: annotationStatuses, required: true },
    turns: { type: [turnSchema], default: [] },
    /** Length of `turns`: the compare-and-set guard that keeps acts in order. */
    turnCount: { type: Number, required: true, default: 0 },
    bobSeqs: { type: [Number], default: [] },
    aliceSelection: { type: Schema.Types.Mixed },
    bobSelection: { type: Schema.Types.Mixed },
    outcome: { type: Schema.Types.Mixed, default: null },
    suggestions: {
      type: [new Schema({ turn: Number, act: Schema.Types.Mixed, at: Date }, { _id: false })],
      default: [],
    },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    /** Set once the finished annotation is stored as a dialogue record (D′). */
    recordWritten: { type: Boolean, required: true, default: false },
    flags: { type: [flagSchema], default: [] },
    /** Acts the rules refused during the annotation (a quality signal, server/quality). */
    invalidActs: { type: Number, required: true, default: 0 },
    /** When the automatic checks ran (null until the annotation completed and was checked). */
    checkedAt: { type: Date, default: null },
    /** A gold task's evaluation against its expectations (null for ordinary tasks). */
    gold: {
      type: new Schema(
        { passed: { type: Boolean, required: true }, failures: { type: [String], default: [] } },
        { _id: false },
      ),
      default: null,
    },
    review: { type: reviewSchema, required: true, default: () => ({}) },
  },
  { versionKey: false },
);
annotationSchema.index({ taskId: 1, workerId: 1 }, { unique: true });
annotationSchema.index({ status: 1, recordWritten: 1 });

export type AnnotationTurn = InferSchemaType<typeof turnSchema>;
type Inferred = InferSchemaType<typeof annotationSchema>;
export type AnnotationFlag = InferSchemaType<typeof flagSchema>;
export type AnnotationReview = InferSchemaType<typeof reviewSchema>;
export type Annotation = Omit<Inferred, 'turns' | 'suggestions' | 'flags' | 'review' | 'gold'> & {
  gold: { passed: boolean; failures: string[] } | null;
  _id: Types.ObjectId;
  turns: AnnotationTurn[];
  flags: AnnotationFlag[];
  review: AnnotationReview;
  suggestions: { turn: number; act: unknown; at: Date }[];
};

export function annotationModel(connection: Connection): Model<Annotation> {
  return (
    (connection.models.Annotation as Model<Annotation> | undefined) ??
    connection.model<Annotation>('Annotation', annotationSchema, 'annotations')
  );
}
