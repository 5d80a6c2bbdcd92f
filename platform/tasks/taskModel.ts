import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import type { Act } from '../../shared/dialogue/acts';
import type { Turn } from '../../shared/dialogue/dialogue';
import { domainIds } from '../../shared/domain/domains';
import type { AgentIndex } from '../../shared/domain/types';

export const leaseStatuses = ['active', 'completed', 'abandoned', 'expired'] as const;
export type LeaseStatus = (typeof leaseStatuses)[number];

/** One worker's hold on one annotation slot of a task. */
const leaseSchema = new Schema(
  {
    leaseId: { type: String, required: true },
    workerId: { type: String, required: true },
    status: { type: String, enum: leaseStatuses, required: true },
    claimedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
  },
  { _id: false },
);

const turnSchema = new Schema(
  { speaker: { type: Number, enum: [0, 1], required: true }, act: { type: Schema.Types.Mixed } },
  { _id: false },
);

/**
 * An annotation task: a self-play dialogue cut just after Alice's most novel act, for a human
 * to continue in Bob's seat. Both utilities are stored (the outcome needs Alice's); only Bob's
 * are ever presented. Leases live inside the task so that every lease change is one atomic
 * single-document write (see README.md): `openSlots` = redundancy − active − completed leases.
 */
const taskSchema = new Schema(
  {
    /** The acquisition round; optional until rounds exist. */
    roundId: { type: String, default: null, index: true },
    domain: { type: String, enum: domainIds, required: true },
    counts: { type: [Number], required: true },
    aliceUtilities: { type: [Number], required: true },
    bobUtilities: { type: [Number], required: true },
    firstSpeaker: { type: Number, enum: [0, 1], required: true },
    prefix: { type: [turnSchema], required: true },
    /** The dialogue this task was cut from, and the index of Alice's act it was cut after. */
    source: {
      dialogueId: { type: String, required: true },
      cutAt: { type: Number, required: true },
    },
    /** Higher = more novel to Bob; claims take the highest first (a round stores −log p). */
    novelty: { type: Number, required: true },
    models: { alice: { type: String, required: true }, bob: { type: String, required: true } },
    /** Who plays Alice live: a round's policy checkpoint (name = version), scripted, or ASTRA. */
    alice: {
      kind: { type: String, enum: ['scripted', 'astra', 'policy'], required: true },
      name: { type: String, required: true },
    },
    redundancy: { type: Number, required: true, min: 1, max: 20 },
    gold: { type: Boolean, required: true, default: false },
    /**
     * The only worker who may claim this task (an evaluation study's participant's own
     * dialogue); null: anyone. Claims of everyone else ask for null, so a reserved task never
     * reaches the crowd queue.
     */
    reservedFor: { type: String, default: null, index: true },
    /** An evaluation study's dialogue: whose, which agent, where in their order. */
    evaluation: {
      type: new Schema(
        {
          studyId: { type: String, required: true, index: true },
          participantId: { type: String, required: true },
          agent: { type: String, required: true },
          position: { type: Number, required: true },
          of: { type: Number, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** A cancelled round's task: never claimed again (leases already held run out as usual). */
    closed: { type: Boolean, default: false },
    openSlots: { type: Number, required: true },
    completedCount: { type: Number, required: true, default: 0 },
    /** Every worker who ever held a lease here: a worker never gets the same task twice. */
    workerIds: { type: [String], default: [] },
    leases: { type: [leaseSchema], default: [] },
    /** Bumped by every lease write; compare-and-set guard for renewals and releases. */
    version: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
taskSchema.index({ openSlots: 1, novelty: -1 });

export type Lease = InferSchemaType<typeof leaseSchema>;
type StoredTurn = InferSchemaType<typeof turnSchema>;
/** A task as read with `lean()`: subdocument arrays are plain arrays. */
type Inferred = InferSchemaType<typeof taskSchema>;
export type Task = Omit<Inferred, 'leases' | 'prefix' | 'source' | 'models' | 'alice'> & {
  _id: Types.ObjectId;
  leases: Lease[];
  prefix: StoredTurn[];
  // Nested paths with required fields are always present.
  source: NonNullable<Inferred['source']>;
  models: NonNullable<Inferred['models']>;
  alice: NonNullable<Inferred['alice']>;
};

export function taskModel(connection: Connection): Model<Task> {
  return (
    (connection.models.Task as Model<Task> | undefined) ??
    connection.model<Task>('Task', taskSchema, 'tasks')
  );
}

/** The prefix as dialogue turns (acts were validated by the rules when the task was made). */
export function prefixTurns(task: Pick<Task, 'prefix'>): Turn[] {
  return task.prefix.map((turn) => ({
    speaker: turn.speaker as AgentIndex,
    act: turn.act as Act,
  }));
}
