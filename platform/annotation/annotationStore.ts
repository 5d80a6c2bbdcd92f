import type { Connection } from 'mongoose';
import type { Act } from '../../shared/dialogue/acts';
import type { Allocation } from '../../shared/domain/types';
import type { Outcome } from '../../shared/dialogue/outcome';
import { ConflictError } from '../errors';
import type { Lease, Task } from '../tasks/taskModel';
import { annotationModel, type Annotation } from './annotationModel';

/** The annotation's reads and its few conditional writes; every write is single-document. */
export function createAnnotationStore(connection: Connection) {
  const annotations = annotationModel(connection);

  /** The worker's annotation of this task, created at first need (idempotent upsert). */
  async function ensure(task: Task, lease: Lease, now: Date): Promise<Annotation> {
    const annotation = await annotations
      .findOneAndUpdate(
        { taskId: task._id.toHexString(), workerId: lease.workerId },
        {
          $setOnInsert: {
            taskId: task._id.toHexString(),
            roundId: task.roundId ?? null,
            workerId: lease.workerId,
            leaseId: lease.leaseId,
            status: 'active',
            turns: [],
            turnCount: 0,
            bobSeqs: [],
            outcome: null,
            suggestions: [],
            startedAt: now,
            endedAt: null,
            recordWritten: false,
            flags: [],
            invalidActs: 0,
            checkedAt: null,
            gold: null,
            review: {
              status: 'pending',
              decidedBy: null,
              reviewerId: null,
              reason: '',
              bonusCents: 0,
              at: null,
            },
          },
        },
        { upsert: true, new: true },
      )
      .lean<Annotation>()
      .exec();
    if (annotation === null) {
      throw new ConflictError('Could not open the annotation; try again.');
    }
    return annotation;
  }

  function load(taskId: string, workerId: string): Promise<Annotation | null> {
    return annotations.findOne({ taskId, workerId }).lean<Annotation>().exec();
  }

  /**
   * Appends one act if nobody appended since `annotation` was read (and, for Bob, if this seq
   * is new). False when another write got in first.
   */
  async function append(
    annotation: Annotation,
    turn: {
      speaker: 0 | 1;
      act: Act;
      seq: number | null;
      at: Date;
      suggested: Act | null;
      playedBy?: { kind: string; name: string; fallback: string | null } | null;
    },
  ): Promise<boolean> {
    const filter: Record<string, unknown> = {
      _id: annotation._id,
      status: 'active',
      turnCount: annotation.turnCount,
    };
    // The turn as the schema stores it (its fields, in order, nulls for what is absent):
    // written through the driver itself, because Mongoose's casting of the pushed subdocument
    // was most of an act's cost on a loaded server (two appends per act; docs/deployment.md).
    const stored = {
      speaker: turn.speaker,
      act: turn.act,
      seq: turn.seq,
      at: turn.at,
      suggested: turn.suggested,
      playedBy: turn.playedBy ?? null,
    };
    const update: Record<string, unknown> = { $push: { turns: stored }, $inc: { turnCount: 1 } };
    if (turn.seq !== null) {
      filter.bobSeqs = { $ne: turn.seq };
      update.$push = { turns: stored, bobSeqs: turn.seq };
    }
    const result = await annotations.collection.updateOne(filter, update);
    return result.modifiedCount === 1;
  }

  async function setAliceSelection(annotation: Annotation, selection: Allocation | null) {
    await annotations
      .updateOne(
        { _id: annotation._id, aliceSelection: { $exists: false } },
        { $set: { aliceSelection: selection } },
      )
      .exec();
  }

  async function recordSuggestion(annotation: Annotation, turn: number, act: Act, at: Date) {
    await annotations
      .updateOne({ _id: annotation._id }, { $push: { suggestions: { turn, act, at } } })
      .exec();
  }

  /**
   * Bob's selection and the outcome, once, if the acts are still those of `annotation`: null
   * if Bob had already selected or an act was stored since.
   */
  function complete(
    annotation: Annotation,
    selections: { alice: Allocation | null; bob: Allocation | null },
    outcome: Outcome,
    now: Date,
  ): Promise<Annotation | null> {
    return annotations
      .findOneAndUpdate(
        {
          _id: annotation._id,
          status: 'active',
          bobSelection: { $exists: false },
          // The acts the outcome was judged on are the stored ones.
          turnCount: annotation.turnCount,
        },
        {
          $set: {
            aliceSelection: selections.alice,
            bobSelection: selections.bob,
            outcome,
            status: 'completed',
            endedAt: now,
          },
        },
        { new: true },
      )
      .lean<Annotation>()
      .exec();
  }

  /** Ends a live annotation early (lease expired or abandoned); its acts are kept. */
  async function end(taskId: string, workerId: string, status: 'expired' | 'abandoned', now: Date) {
    await annotations
      .updateOne({ taskId, workerId, status: 'active' }, { $set: { status, endedAt: now } })
      .exec();
  }

  /** Counts an act the rules refused (never blocks the refusal itself). */
  async function countInvalidAct(annotation: Annotation) {
    await annotations.updateOne({ _id: annotation._id }, { $inc: { invalidActs: 1 } }).exec();
  }

  return {
    ensure,
    countInvalidAct,
    load,
    append,
    setAliceSelection,
    recordSuggestion,
    complete,
    end,
    model: annotations,
  };
}

export type AnnotationStore = ReturnType<typeof createAnnotationStore>;
