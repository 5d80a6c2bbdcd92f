import { evaluationInfo, prepareEvaluationClaim } from '../studies/evaluationTasks';
import { findStudy } from '../studies/studyModel';
import { rateDialogue } from '../studies/evaluationRatings';
import type { RatePayload } from '../../shared/protocol/evaluation';
import { studyClaimScope } from '../studies/studyProgress';
import type { Connection } from 'mongoose';
import type { HeartbeatAckData, TaskView } from '../../shared/protocol/annotation';
import { LeaseExpiredError } from '../errors';
import type { Logger } from '../logger';
import { createLeasing, type LeaseEnded } from '../tasks/leasing';
import { taskModel, type Lease, type Task } from '../tasks/taskModel';
import { annotationModel, type Annotation } from './annotationModel';
import { alice, replay } from './annotationState';
import { nextSpeaker, type DialogueState } from '../../shared/dialogue/dialogue';
import { createAnnotationStore } from './annotationStore';
import { createDialogueService } from './dialogueService';
import type { AnnotationNotifier } from './notifier';
import { presentTaskView } from './presenters';

export interface AnnotationServiceDeps {
  connection: Connection;
  leaseMs: number;
  notify: AnnotationNotifier;
  log: Logger;
  /** Quality control (server/quality): checks on completion and in upkeep, gold in claims. */
  quality?: {
    check(task: Task, annotation: Annotation): Promise<void>;
    /** Checks completed annotations that were not checked yet (a crash in between). */
    checkUnchecked(): Promise<void>;
    /** Whether this worker's next claim should prefer a gold task (given one they could claim). */
    prefersGold(workerId: string, openGold: { roundId: string | null }): Promise<boolean>;
  };
  /** A round's neural Alice must reply within this, or ASTRA answers instead. */
  aliceTurnTimeoutMs?: number;
  /** Told of every lease that ran out before its task was finished (a metric). */
  onLeaseExpired?: () => void;
}

/**
 * Everything a worker does in `/annotate`, as plain async functions of (worker id, input):
 * the socket handlers only validate, authorize and present around these.
 */
export function createAnnotationService(deps: AnnotationServiceDeps) {
  const store = createAnnotationStore(deps.connection);
  const leasing = createLeasing(deps.connection, {
    leaseMs: deps.leaseMs,
    onLeaseEnded: async (ended: LeaseEnded) => {
      if (ended.status === 'completed') {
        return;
      }
      await store.end(ended.taskId, ended.workerId, ended.status, new Date());
      if (ended.status === 'expired') {
        deps.onLeaseExpired?.();
        deps.notify.expired(ended.workerId, { taskId: ended.taskId });
      }
    },
  });
  const dialogue = createDialogueService({
    ...deps,
    leasing,
    store,
    onCompleted: (task, annotation) => deps.quality?.check(task, annotation) ?? Promise.resolve(),
  });

  /** The view of a held task, after letting Alice move if it is her turn (e.g. after a crash). */
  async function viewOf(taskId: string, workerId: string, now: Date): Promise<TaskView> {
    await dialogue.aliceMove(workerId, taskId, now);
    const { task, lease, annotation } = await dialogue.open(taskId, workerId, now);
    return present(task, lease, replay(task, annotation));
  }

  /** What the worker sees of a task: an evaluation dialogue also says where it is in theirs. */
  async function present(task: Task, lease: Lease, state: DialogueState): Promise<TaskView> {
    const view = presentTaskView(task, lease, state);
    if (task.evaluation === null || task.evaluation === undefined) {
      return view;
    }
    const study = await findStudy(deps.connection, task.evaluation.studyId);
    const info = evaluationInfo(task, study);
    return info === null ? view : { ...view, evaluation: info };
  }

  /** The worker's current task, or a newly claimed one, or null when the queue is empty. */
  async function claim(workerId: string, now = new Date()): Promise<TaskView | null> {
    const scope = await studyClaimScope(deps.connection, workerId);
    if (scope?.done === true) {
      return null; // A study participant who has done their tasks takes no more.
    }
    const evaluation = scope?.evaluation ?? null;
    if (evaluation !== null) {
      // Their own dialogues, made on the first claim; the next waits for the questionnaire.
      await prepareEvaluationClaim(
        deps.connection,
        workerId,
        evaluation.study,
        evaluation.participant,
      );
    }
    const quality = deps.quality;
    const held = await leasing.claim(workerId, now, {
      reserved: evaluation !== null,
      ...(scope === null || scope.roundIds === null ? {} : { roundIds: scope.roundIds }),
      ...(quality === undefined
        ? {}
        : { preferGold: (openGold) => quality.prefersGold(workerId, openGold) }),
    });
    if (held === null) {
      return null;
    }
    const taskId = held.task._id.toHexString();
    dialogue.prepareAlice(held.task);
    const annotation = await store.ensure(held.task, held.lease, now);
    dialogue.remember(held.task, held.lease, annotation);
    const state = replay(held.task, annotation);
    // Just read and written: presented as is unless Alice is to move first (no second read).
    return nextSpeaker(state) === alice
      ? viewOf(taskId, workerId, now)
      : present(held.task, held.lease, state);
  }

  function resume(workerId: string, taskId: string, now = new Date()): Promise<TaskView> {
    return viewOf(taskId, workerId, now);
  }

  async function heartbeat(
    workerId: string,
    taskId: string,
    now = new Date(),
  ): Promise<HeartbeatAckData> {
    const { lease } = await leasing.renew(taskId, workerId, now);
    dialogue.renewed(taskId, workerId, lease);
    return { leaseExpiresAt: lease.expiresAt.toISOString() };
  }

  async function abandon(workerId: string, taskId: string, now = new Date()): Promise<null> {
    dialogue.forget(taskId, workerId);
    await leasing.release(taskId, workerId, 'abandoned', now);
    return null;
  }

  /** Ends the worker's live lease, if any, as abandoned (a blocked worker's task is freed). */
  async function releaseWorker(workerId: string, now = new Date()): Promise<void> {
    const current = await leasing.currentLease(workerId, now);
    if (current !== null) {
      await leasing
        .release(current.task._id.toHexString(), workerId, 'abandoned', now)
        .catch((error: unknown) => {
          // Ended meanwhile (expired or completed): nothing left to free.
          if (!(error instanceof LeaseExpiredError)) {
            throw error;
          }
        });
    }
  }

  /**
   * Periodic upkeep: expire leases (workers are told) and, with `recover`, store the records
   * and run the quality checks of annotations that completed without them (a crash between
   * the writes). Recovery scans the annotations, holding their lock while acts wait, so the
   * server asks for it less often than for expiry. Returns whether any task has an open slot
   * (so waiting workers can be told).
   */
  async function maintain(
    now = new Date(),
    { recover = true }: { recover?: boolean } = {},
  ): Promise<{ openTasks: boolean }> {
    await leasing.expireLeases(now);
    if (recover) {
      await recoverUnfinished();
    }
    // Reserved tasks (evaluation dialogues) are no work for the waiting crowd.
    const open = await taskModel(deps.connection).exists({
      openSlots: { $gt: 0 },
      reservedFor: null,
    });
    return { openTasks: open !== null };
  }

  async function recoverUnfinished(): Promise<void> {
    const pending = await annotationModel(deps.connection)
      .find({ status: 'completed', recordWritten: false })
      .limit(100)
      .lean<Annotation[]>()
      .exec();
    for (const annotation of pending) {
      const task = await taskModel(deps.connection).findById(annotation.taskId).lean<Task>().exec();
      if (task !== null) {
        await dialogue.writeRecord(task, annotation);
      }
    }
    await deps.quality?.checkUnchecked();
  }

  return {
    claim,
    resume,
    heartbeat,
    abandon,
    act: dialogue.act,
    aliceMove: dialogue.aliceMove,
    select: dialogue.select,
    suggest: dialogue.suggest,
    rate: (workerId: string, payload: RatePayload) =>
      rateDialogue(deps.connection, workerId, payload),
    maintain,
    releaseWorker,
    close: dialogue.close,
  };
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;
