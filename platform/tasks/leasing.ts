import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isBackfilled } from '../database/backfills';
import { ConflictError, LeaseExpiredError, NotFoundError } from '../errors';
import { createOpenTasks, type ClaimScope } from './openTasks';
import { leasePointersBackfill } from './pointerBackfill';
import { leasePointerModel, markOpenTasksChanged, type LeasePointer } from './queueModels';
import { taskModel, type Lease, type LeaseStatus, type Task } from './taskModel';

export interface LeaseEnded {
  taskId: string;
  workerId: string;
  leaseId: string;
  status: Exclude<LeaseStatus, 'active'>;
}

export interface LeasingOptions {
  leaseMs: number;
  /** Told of every lease that ended (so annotations follow and workers are notified). */
  onLeaseEnded?: (ended: LeaseEnded) => Promise<void>;
}

export interface Held {
  task: Task;
  lease: Lease;
}

export interface ClaimPreference {
  /** Gold tasks first (true) or last; or the quality layer's draw, given an open gold task. */
  preferGold?: boolean | ((openGold: { roundId: string | null }) => Promise<boolean>);
  /** Only these rounds' tasks (a study participant). */
  roundIds?: readonly string[];
  /** Only the tasks reserved for this worker (an evaluation participant's own dialogues). */
  reserved?: boolean;
}

const casAttempts = 20;

/**
 * Task leasing, the part that must never be wrong. A claim is one atomic findOneAndUpdate on
 * a task with an open slot that this worker never held; every other change (renew, complete,
 * abandon, expire) is a compare-and-set on the task's `version`, recomputing `openSlots` from
 * the leases in the same write. Expiry is by query: a lease past `expiresAt` is dead at once
 * (no renewal, no acts), and `expireLeases` returns its slot to the queue.
 *
 * Which task a claim tries, and where a worker's live lease is, come from hints that spare the
 * scans of every task (`openTasks.ts`, `queueModels.ts`); the writes re-check everything.
 */
export function createLeasing(connection: Connection, options: LeasingOptions) {
  const tasks = taskModel(connection);
  const pointers = leasePointerModel(connection);
  const openTasks = createOpenTasks(connection);

  /**
   * The worker's live lease, if any (one task at a time: a second claim returns it). Read
   * through the worker's lease pointer, checked against the task; the tasks are scanned only
   * when a claim is under way (or died half-way), or when there is no pointer and the pointers
   * were never backfilled (pointerBackfill.ts: after that, no pointer means no lease).
   */
  async function currentLease(workerId: string, now: Date): Promise<Held | null> {
    return leaseFromPointer(await pointers.findById(workerId).lean().exec(), workerId, now);
  }

  async function leaseFromPointer(
    pointer: LeasePointer | null,
    workerId: string,
    now: Date,
  ): Promise<Held | null> {
    if (pointer === null) {
      return (await isBackfilled(connection, leasePointersBackfill))
        ? null
        : scanForLease(workerId, now);
    }
    if (pointer.claimId !== null) {
      return scanForLease(workerId, now);
    }
    if (pointer.taskId === null) {
      return null;
    }
    const task = await tasks.findById(pointer.taskId).lean<Task>().exec();
    const lease = task?.leases.find(
      (l) =>
        l.leaseId === pointer.leaseId &&
        l.status === 'active' &&
        l.expiresAt.getTime() > now.getTime(),
    );
    return task === null || task === undefined || lease === undefined ? null : { task, lease };
  }

  /** Records a claim's outcome in the worker's pointer, unless a later claim marked it since. */
  async function recordClaim(workerId: string, claimId: string, held: Held | null): Promise<void> {
    await pointers
      .updateOne(
        { _id: workerId, claimId },
        {
          $set: {
            claimId: null,
            taskId: held === null ? null : held.task._id.toHexString(),
            leaseId: held === null ? null : held.lease.leaseId,
          },
        },
      )
      .exec();
  }

  async function scanForLease(workerId: string, now: Date): Promise<Held | null> {
    const task = await tasks
      .findOne({
        leases: { $elemMatch: { workerId, status: 'active', expiresAt: { $gt: now } } },
      })
      .lean<Task>()
      .exec();
    const lease = task?.leases.find((l) => l.workerId === workerId && l.status === 'active');
    return task === null || lease === undefined ? null : { task, lease };
  }

  /**
   * Claims a slot. `reserved`: only the tasks reserved for this worker, in their order (the
   * highest `novelty` first). `preferGold` only changes the order in which open tasks are tried (gold
   * tasks first, or last): the filter and the single atomic write are the same either way.
   * As a function it is the quality layer's draw, asked only when the worker is really
   * claiming and some gold task is open to them (it is told which round that task is from).
   */
  async function claim(
    workerId: string,
    now = new Date(),
    preference: ClaimPreference = {},
  ): Promise<(Held & { resumed: boolean }) | null> {
    await sweepBeforeClaim(now);
    // The pointer is distrusted until this claim records its outcome (a crash in between leaves
    // it so, and the next look scans instead). Marking it returns what it said before, which
    // tells whether the worker holds a lease already: one round trip for both, beside the queue's
    // refresh (a claim's latency is its round trips).
    const claimId = randomUUID();
    const [before] = await Promise.all([
      pointers
        .findOneAndUpdate(
          { _id: workerId },
          { $set: { claimId, taskId: null, leaseId: null } },
          { upsert: true, new: false },
        )
        .lean<LeasePointer>()
        .exec(),
      openTasks.refreshIfChanged(),
    ]);
    const current = await leaseFromPointer(before, workerId, now);
    if (current !== null) {
      await recordClaim(workerId, claimId, current);
      return { ...current, resumed: true };
    }
    const scope: ClaimScope = {
      reserved: preference.reserved === true,
      ...(preference.roundIds === undefined ? {} : { roundIds: preference.roundIds }),
    };
    if (typeof preference.preferGold === 'function') {
      const gold = await openTasks.firstGold(workerId, scope);
      scope.preferGold = gold === null ? false : await preference.preferGold(gold);
    } else {
      scope.preferGold = preference.preferGold === true;
    }
    const lease = {
      leaseId: randomUUID(),
      workerId,
      status: 'active' as const,
      claimedAt: now,
      expiresAt: new Date(now.getTime() + options.leaseMs),
      endedAt: null,
    };
    const task = await openTasks.claimFirst(workerId, scope, (taskId) =>
      tasks
        .findOneAndUpdate(
          {
            _id: taskId,
            openSlots: { $gt: 0 },
            workerIds: { $ne: workerId },
            closed: { $ne: true },
            // An evaluation participant claims only their own dialogues; nobody else claims those.
            reservedFor: preference.reserved === true ? workerId : null,
            // A study participant claims only the tasks of the study's rounds.
            ...(preference.roundIds === undefined ? {} : { roundId: { $in: preference.roundIds } }),
          },
          { $inc: { openSlots: -1, version: 1 }, $push: { workerIds: workerId, leases: lease } },
          { new: true },
        )
        .lean<Task>()
        .exec(),
    );
    // Only this claim's own mark is replaced: a concurrent claim of the same worker (two tabs)
    // records its own outcome, as the scan it replaces would have found one of the two leases.
    await recordClaim(workerId, claimId, task === null ? null : { task, lease });
    if (task !== null) {
      track(task);
    }
    return task === null ? null : { task, lease, resumed: false };
  }

  /** The worker's live lease on this task; NotFound if they never held one (no probing). */
  async function held(taskId: string, workerId: string, now = new Date()): Promise<Held> {
    const task = await tasks.findById(taskId).lean<Task>().exec();
    const lease = task?.leases.find((l) => l.workerId === workerId);
    if (task === null || lease === undefined) {
      throw new NotFoundError(`No task ${taskId} is leased to you.`);
    }
    if (lease.status !== 'active' || lease.expiresAt.getTime() <= now.getTime()) {
      throw new LeaseExpiredError();
    }
    return { task, lease };
  }

  /**
   * Why a lease change found nothing to change: NotFound if the worker never held a lease on
   * this task, else the lease has ended. (Changes read the task themselves, so this extra
   * read happens only on the error path.)
   */
  async function whyUnchanged(taskId: string, workerId: string, now: Date): Promise<never> {
    await held(taskId, workerId, now);
    throw new LeaseExpiredError();
  }

  async function renew(taskId: string, workerId: string, now = new Date()): Promise<Held> {
    const result = await changeLeases(taskId, (lease) =>
      lease.workerId === workerId &&
      lease.status === 'active' &&
      lease.expiresAt.getTime() > now.getTime()
        ? { ...lease, expiresAt: new Date(now.getTime() + options.leaseMs) }
        : null,
    );
    const lease = result?.changed[0];
    if (result === null || lease === undefined) {
      return whyUnchanged(taskId, workerId, now);
    }
    return { task: result.task, lease };
  }

  /** Ends the worker's live lease as completed or abandoned; abandoning frees the slot. */
  async function release(
    taskId: string,
    workerId: string,
    status: 'completed' | 'abandoned',
    now = new Date(),
  ): Promise<void> {
    const result = await changeLeases(taskId, (lease) =>
      lease.workerId === workerId &&
      lease.status === 'active' &&
      lease.expiresAt.getTime() > now.getTime()
        ? { ...lease, status, endedAt: now }
        : null,
    );
    const lease = result?.changed[0];
    if (lease === undefined) {
      return whyUnchanged(taskId, workerId, now);
    }
    // The pointer forgets the ended lease, so that the worker's next claim need not read this
    // task to learn that it ended (a pointer left behind, as by an expiry, is checked instead).
    await Promise.all([
      pointers
        .updateOne(
          { _id: workerId, claimId: null, leaseId: lease.leaseId },
          { $set: { taskId: null, leaseId: null } },
        )
        .exec(),
      options.onLeaseEnded?.({ taskId, workerId, leaseId: lease.leaseId, status }),
    ]);
  }

  /**
   * When each task this process wrote a lease of is next due to expire (its earliest active
   * lease), so that the sweep before a claim reads those tasks by `_id` instead of scanning
   * every task. Leases claimed or renewed by other processes are found by the full sweep.
   */
  const dueAt = new Map<string, number>();
  function track(task: Task): void {
    const active = task.leases.filter((l) => l.status === 'active');
    if (active.length === 0) {
      dueAt.delete(task._id.toHexString());
    } else {
      dueAt.set(task._id.toHexString(), Math.min(...active.map((l) => l.expiresAt.getTime())));
    }
  }

  /**
   * Claims sweep expired leases first: at most once a second, the tasks this process knows to
   * be due (read by `_id`); every `fullSweepMs`, all tasks by query (a scan of the collection,
   * holding its lock: under hundreds of claims a second it was most of a claim's cost). So a
   * slot whose lease this process wrote is claimable within a second of its expiry, one whose
   * server died within `fullSweepMs` (and the maintenance timer sweeps fully too). A `now`
   * earlier than the last sweep (tests moving the clock) always sweeps fully.
   */
  const fullSweepMs = 30_000;
  let lastClaimSweep = -Infinity;
  let lastFullSweep = -Infinity;
  async function sweepBeforeClaim(now: Date): Promise<void> {
    const at = now.getTime();
    if (at - lastFullSweep >= fullSweepMs || at < lastFullSweep) {
      lastFullSweep = at;
      lastClaimSweep = at;
      await expireLeases(now);
      return;
    }
    if (at - lastClaimSweep < 1_000 && at >= lastClaimSweep) {
      return;
    }
    lastClaimSweep = at;
    const due = [...dueAt].filter(([, expiresAt]) => expiresAt <= at).map(([taskId]) => taskId);
    for (const taskId of due) {
      dueAt.delete(taskId);
      await expireTask(taskId, now);
    }
  }

  /** Returns the slots of leases past their expiry to the queue; reports each one. */
  async function expireLeases(now = new Date()): Promise<LeaseEnded[]> {
    const due = await tasks
      .find({ leases: { $elemMatch: { status: 'active', expiresAt: { $lte: now } } } }, { _id: 1 })
      .limit(500)
      .lean()
      .exec();
    const ended: LeaseEnded[] = [];
    for (const { _id } of due) {
      ended.push(...(await expireTask(_id.toHexString(), now)));
    }
    return ended;
  }

  /** Ends the task's leases past their expiry; reports each one. */
  async function expireTask(taskId: string, now: Date): Promise<LeaseEnded[]> {
    const result = await changeLeases(taskId, (lease) =>
      lease.status === 'active' && lease.expiresAt.getTime() <= now.getTime()
        ? { ...lease, status: 'expired', endedAt: now }
        : null,
    );
    const ended: LeaseEnded[] = [];
    for (const lease of result?.changed ?? []) {
      const event = {
        taskId,
        workerId: lease.workerId,
        leaseId: lease.leaseId,
        status: 'expired',
      } as const;
      ended.push(event);
      await options.onLeaseEnded?.(event);
    }
    return ended;
  }

  /**
   * Applies `change` to every lease of the task (null = unchanged) in one compare-and-set
   * write, retried when another write got in first. Null when nothing changed.
   */
  async function changeLeases(
    taskId: string,
    change: (lease: Lease) => Lease | null,
  ): Promise<{ task: Task; changed: Lease[] } | null> {
    for (let attempt = 0; attempt < casAttempts; attempt++) {
      const task = await tasks.findById(taskId).lean<Task>().exec();
      if (task === null) {
        return null;
      }
      const changed: Lease[] = [];
      const leases = task.leases.map((lease) => {
        const next = change(lease);
        if (next !== null) {
          changed.push(next);
        }
        return next ?? lease;
      });
      if (changed.length === 0) {
        return null;
      }
      const counts = {
        openSlots:
          task.redundancy -
          leases.filter((l) => l.status === 'active' || l.status === 'completed').length,
        completedCount: leases.filter((l) => l.status === 'completed').length,
      };
      const written = await tasks.updateOne(
        { _id: task._id, version: task.version },
        { $set: { leases, ...counts }, $inc: { version: 1 } },
      );
      if (written.modifiedCount === 1) {
        if (counts.openSlots > task.openSlots) {
          await markOpenTasksChanged(connection);
        }
        const next = { ...task, ...counts, leases, version: task.version + 1 };
        if (dueAt.has(taskId) || leases.some((l) => l.status === 'active')) {
          track(next);
        }
        return { task: next, changed };
      }
      // Another write won: back off a random, growing while so that contenders spread out.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)),
      );
    }
    throw new ConflictError('The task is busy; try again.');
  }

  return { claim, currentLease, held, renew, release, expireLeases };
}

export type Leasing = ReturnType<typeof createLeasing>;
