import type { Connection, Types } from 'mongoose';
import { taskModel, type Task } from './taskModel';
import { taskQueueId, taskQueueModel } from './queueModels';

/** What a claim needs to know of an open task to try it. */
interface OpenTask {
  id: Types.ObjectId;
  hex: string;
  gold: boolean;
  novelty: number;
  roundId: string | null;
  reservedFor: string | null;
  /** Open slots as last read, lowered by this process's own claims; ≤ 0 = not worth a try. */
  openSlots: number;
  workerIds: Set<string>;
}

export interface ClaimScope {
  /** Try gold tasks first (else last). */
  preferGold?: boolean;
  /** Only these rounds' tasks (a study participant). */
  roundIds?: readonly string[];
  /** Only the tasks reserved for this worker; else only tasks reserved for nobody. */
  reserved?: boolean;
}

/**
 * This process's copy of the open tasks in claim order (most novel first, gold first or last),
 * so that a claim is an atomic write on one task by `_id` rather than a sorted scan of every
 * task. The copy is re-read when the queue's version changed (new tasks, a freed slot) or when
 * every candidate failed; the write itself re-checks the slot, the worker and the scope, so a
 * stale copy can only cost a failed try, never a wrong lease.
 */
export function createOpenTasks(connection: Connection) {
  const tasks = taskModel(connection);
  const queue = taskQueueModel(connection);
  let open: OpenTask[] = [];
  let readVersion: number | null = null;
  let reading: Promise<void> | null = null;

  async function currentVersion(): Promise<number> {
    const doc = await queue.findById(taskQueueId).lean().exec();
    return doc?.version ?? 0;
  }

  /** Re-reads the open tasks; concurrent callers share one read. */
  function reread(): Promise<void> {
    reading ??= (async () => {
      try {
        const version = await currentVersion();
        const found = await tasks
          .find(
            { openSlots: { $gt: 0 }, closed: { $ne: true } },
            { _id: 1, gold: 1, novelty: 1, roundId: 1, reservedFor: 1, openSlots: 1, workerIds: 1 },
          )
          .lean<
            Pick<
              Task,
              '_id' | 'gold' | 'novelty' | 'roundId' | 'reservedFor' | 'openSlots' | 'workerIds'
            >[]
          >()
          .exec();
        open = found
          .map((t) => ({
            id: t._id,
            hex: t._id.toHexString(),
            gold: t.gold,
            novelty: t.novelty,
            roundId: t.roundId ?? null,
            reservedFor: t.reservedFor ?? null,
            openSlots: t.openSlots,
            workerIds: new Set(t.workerIds),
          }))
          .sort((a, b) => b.novelty - a.novelty || (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));
        readVersion = version;
      } finally {
        reading = null;
      }
    })();
    return reading;
  }

  /** Re-reads the open tasks if the queue changed since they were read (one small read). */
  async function refreshIfChanged(): Promise<void> {
    if (readVersion === null || (await currentVersion()) !== readVersion) {
      await reread();
    }
  }

  /** The candidates a worker may try, in claim order (same order as the sorted query was). */
  function candidates(workerId: string, scope: ClaimScope): OpenTask[] {
    const inScope = (t: OpenTask) =>
      t.openSlots > 0 &&
      !t.workerIds.has(workerId) &&
      t.reservedFor === (scope.reserved === true ? workerId : null) &&
      (scope.roundIds === undefined || (t.roundId !== null && scope.roundIds.includes(t.roundId)));
    const first = scope.preferGold === true;
    return [
      ...open.filter((t) => inScope(t) && t.gold === first),
      ...open.filter((t) => inScope(t) && t.gold !== first),
    ];
  }

  /**
   * Tries the worker's candidates in order with `attempt` (the atomic claim of one task by id)
   * until one succeeds; re-reads once when all failed. Null when no open task is left for them.
   * Call `refreshIfChanged` first.
   */
  async function claimFirst(
    workerId: string,
    scope: ClaimScope,
    attempt: (taskId: Types.ObjectId) => Promise<Task | null>,
  ): Promise<Task | null> {
    for (let pass = 0; pass < 2; pass++) {
      for (const candidate of candidates(workerId, scope)) {
        if (candidate.openSlots <= 0 || candidate.workerIds.has(workerId)) {
          continue; // taken by a concurrent claim of this process meanwhile
        }
        // Reserved before the write, so that concurrent claims of this process try other
        // tasks instead of all racing for the first one.
        candidate.openSlots -= 1;
        const task = await attempt(candidate.id);
        if (task !== null) {
          candidate.openSlots = Math.min(candidate.openSlots, task.openSlots);
          candidate.workerIds.add(workerId);
          return task;
        }
        candidate.openSlots = 0; // full, closed or taken elsewhere: the next read will tell
      }
      if (pass === 0) {
        await reread();
      }
    }
    return null;
  }

  /**
   * The first open gold task the worker could claim (its round decides the gold rate), checked
   * against the task itself: the gold draw reads the round from it. Call `refreshIfChanged`
   * first.
   */
  async function firstGold(
    workerId: string,
    scope: ClaimScope,
  ): Promise<{ roundId: string | null } | null> {
    for (const candidate of candidates(workerId, { ...scope, preferGold: true })) {
      if (!candidate.gold) {
        break;
      }
      const task = await tasks
        .findById(candidate.id, { roundId: 1, openSlots: 1, workerIds: 1, closed: 1 })
        .lean<Pick<Task, 'roundId' | 'openSlots' | 'workerIds' | 'closed'>>()
        .exec();
      const roundId = task?.roundId ?? null;
      if (
        task !== null &&
        task.openSlots > 0 &&
        task.closed !== true &&
        !task.workerIds.includes(workerId) &&
        (scope.roundIds === undefined || (roundId !== null && scope.roundIds.includes(roundId)))
      ) {
        candidate.roundId = roundId;
        return { roundId };
      }
      candidate.openSlots = 0;
    }
    return null;
  }

  return { refreshIfChanged, claimFirst, firstGold };
}

export type OpenTasks = ReturnType<typeof createOpenTasks>;
