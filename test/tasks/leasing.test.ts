import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { LeaseExpiredError, NotFoundError } from '../../platform/errors';
import { createLeasing, type LeaseEnded } from '../../platform/tasks/leasing';
import { backfillLookups } from '../../platform/database/backfillLookups';
import {
  leasePointerModel,
  markOpenTasksChanged,
  taskQueueId,
  taskQueueModel,
} from '../../platform/tasks/queueModels';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { connectDatabase } from '../../platform/database/connection';
import { createLogger } from '../../platform/logger';
import { inject } from 'vitest';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestTasks } from '../support/taskFactory';

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase('leasing');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await db.drop();
});

const leaseMs = 60_000;
const worker = () => randomUUID().replace(/-/g, '').slice(0, 24);

async function freshTasks(count: number, redundancy: number): Promise<Task[]> {
  await taskModel(db.connection).deleteMany({});
  return createTestTasks(db.connection, count, { redundancy });
}

function expectConsistent(task: Task) {
  const live = task.leases.filter((l) => l.status === 'active' || l.status === 'completed');
  expect(task.openSlots).toBe(task.redundancy - live.length);
  expect(new Set(task.leases.map((l) => l.workerId)).size).toBe(task.leases.length);
  expect(new Set(task.workerIds).size).toBe(task.workerIds.length);
}

describe('claiming', () => {
  it('gold preference changes only the order: 100 concurrent mixed claimers keep every invariant', async () => {
    const tasks = await freshTasks(50, 2);
    const goldIds = tasks.filter((_, i) => i % 5 === 0).map((t) => t._id);
    await taskModel(db.connection).updateMany({ _id: { $in: goldIds } }, { $set: { gold: true } });
    const leasing = createLeasing(db.connection, { leaseMs });
    const workers = Array.from({ length: 100 }, worker);
    // Every third claimer prefers gold: gold tasks first for them, last for the others.
    const claims = await Promise.all(
      workers.map((w, i) => leasing.claim(w, new Date(), { preferGold: i % 3 === 0 })),
    );
    expect(claims.every((c) => c !== null && !c.resumed)).toBe(true);
    const after = await taskModel(db.connection).find().lean<Task[]>();
    for (const task of after) {
      expect(task.leases).toHaveLength(2);
      expect(task.openSlots).toBe(0);
      expectConsistent(task);
    }
    expect(after.flatMap((t) => t.leases.map((l) => l.workerId)).sort()).toEqual(
      [...workers].sort(),
    );

    // With slots left everywhere, a gold-preferring claim takes a gold task, another does not.
    await freshTasks(4, 1);
    const [goldTask] = await taskModel(db.connection).find().sort({ novelty: 1 }).lean<Task[]>();
    await taskModel(db.connection).updateOne({ _id: goldTask?._id }, { $set: { gold: true } });
    const plain = await leasing.claim(worker(), new Date(), { preferGold: false });
    expect(plain?.task.gold).toBe(false);
    const gold = await leasing.claim(worker(), new Date(), { preferGold: true });
    expect(gold?.task._id.toHexString()).toBe(goldTask?._id.toHexString());
  });

  it('100 concurrent claimers on 50 tasks with redundancy 2: every task gets exactly 2 distinct workers', async () => {
    await freshTasks(50, 2);
    // Four connections, as four server processes would have.
    const connections: Connection[] = [db.connection];
    for (let i = 0; i < 3; i++) {
      connections.push(
        await connectDatabase({
          uri: inject('mongoUri'),
          dbName: db.connection.name,
          log: createLogger('silent'),
        }),
      );
    }
    try {
      const workers = Array.from({ length: 100 }, worker);
      const claims = await Promise.all(
        workers.map((w, i) =>
          createLeasing(connections[i % connections.length] as Connection, { leaseMs }).claim(w),
        ),
      );
      expect(claims.every((c) => c !== null && !c.resumed)).toBe(true);

      const tasks = await taskModel(db.connection).find().lean<Task[]>();
      expect(tasks).toHaveLength(50);
      for (const task of tasks) {
        expect(task.leases).toHaveLength(2);
        expect(task.leases.every((l) => l.status === 'active')).toBe(true);
        expect(task.openSlots).toBe(0);
        expectConsistent(task);
      }
      const holders = tasks.flatMap((t) => t.leases.map((l) => l.workerId)).sort();
      expect(holders).toEqual([...workers].sort());

      // The queue is empty for newcomers; a worker who claims again gets their own task back.
      const leasing = createLeasing(db.connection, { leaseMs });
      expect(await leasing.claim(worker())).toBeNull();
      const again = await leasing.claim(workers[0] as string);
      expect(again?.resumed).toBe(true);
      expect(again?.task._id.toHexString()).toBe(claims[0]?.task._id.toHexString());
    } finally {
      for (const connection of connections.slice(1)) {
        await connection.close();
      }
    }
  });

  it('workers claiming and completing concurrently fill every slot once, never a worker twice on a task', async () => {
    await freshTasks(20, 3);
    const leasing = createLeasing(db.connection, { leaseMs });
    const done: string[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const me = worker();
        for (;;) {
          const held = await leasing.claim(me);
          if (held === null) {
            return;
          }
          await leasing.release(held.task._id.toHexString(), me, 'completed');
          done.push(`${held.task._id.toHexString()}:${me}`);
        }
      }),
    );
    expect(done).toHaveLength(60);
    expect(new Set(done).size).toBe(60);
    const tasks = await taskModel(db.connection).find().lean<Task[]>();
    for (const task of tasks) {
      expect(task.completedCount).toBe(3);
      expect(task.openSlots).toBe(0);
      expectConsistent(task);
    }
  });

  it('gives the most novel open task first', async () => {
    const tasks = await freshTasks(3, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    const order = [];
    for (let i = 0; i < 3; i++) {
      order.push((await leasing.claim(worker()))?.task._id.toHexString());
    }
    expect(order).toEqual(tasks.map((t) => t._id.toHexString()));
  });

  it('gives equally novel tasks in the order of their ids', async () => {
    const made = await freshTasks(4, 1);
    // Stored in the reverse order of their ids, so that the order read is not already the answer.
    const ids = made.map(() => new Types.ObjectId());
    await taskModel(db.connection).deleteMany({});
    await taskModel(db.connection).insertMany(
      made.map((task, i) => ({ ...task, _id: ids[ids.length - 1 - i], novelty: 0.5 })),
    );
    await markOpenTasksChanged(db.connection);
    const leasing = createLeasing(db.connection, { leaseMs });
    const order = [];
    for (let i = 0; i < 4; i++) {
      order.push((await leasing.claim(worker()))?.task._id.toHexString());
    }
    expect(order).toEqual(ids.map((id) => id.toHexString()));
  });
});

describe('claim hints (the open-task copy and lease pointers)', () => {
  it('a task created after a process read the queue is still claimed first when it is the most novel', async () => {
    await freshTasks(3, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    expect(await leasing.claim(worker())).not.toBeNull(); // the process has read the queue
    const [newcomer] = await createTestTasks(db.connection, 1, { redundancy: 1, seed: 99 });
    await taskModel(db.connection).updateOne({ _id: newcomer?._id }, { $set: { novelty: 100 } });
    const next = await leasing.claim(worker());
    expect(next?.task._id.toHexString()).toBe(newcomer?._id.toHexString());
  });

  it('a slot freed by another process is claimable from this one, and the queue empties for real', async () => {
    await freshTasks(1, 1);
    const here = createLeasing(db.connection, { leaseMs });
    const there = createLeasing(db.connection, { leaseMs });
    const first = worker();
    const held = await there.claim(first);
    expect(await here.claim(worker())).toBeNull(); // the only slot is taken
    await there.release(held!.task._id.toHexString(), first, 'abandoned');
    const second = await here.claim(worker());
    expect(second?.task._id.toHexString()).toBe(held?.task._id.toHexString());
  });

  it('a claim that died after taking its task and before recording it: the next claim resumes that task', async () => {
    await freshTasks(2, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    const w = worker();
    const taken = await leasing.claim(w);
    // The crash: the pointer still carries the mark a claim sets before it writes the task.
    await leasePointerModel(db.connection).updateOne({ _id: w }, { $set: { claimId: 'died' } });
    await leasePointerModel(db.connection).updateOne(
      { _id: w },
      { $set: { taskId: null, leaseId: null } },
    );
    const again = await leasing.claim(w);
    expect(again?.resumed).toBe(true);
    expect(again?.task._id.toHexString()).toBe(taken?.task._id.toHexString());
  });

  it('the backfill gives a lease from before pointers its pointer; then no pointer means no lease', async () => {
    const fresh = await openTestDatabase('leasing-backfill');
    try {
      await prepareDatabase(fresh.connection);
      await createTestTasks(fresh.connection, 3, { redundancy: 1 });
      const leasing = createLeasing(fresh.connection, { leaseMs });
      const old = worker();
      const held = await leasing.claim(old);
      // As if claimed before pointers existed.
      await leasePointerModel(fresh.connection).deleteMany({});
      await backfillLookups(fresh.connection);
      expect(await leasePointerModel(fresh.connection).findById(old).lean()).toMatchObject({
        taskId: held?.task._id.toHexString(),
        leaseId: held?.lease.leaseId,
        claimId: null,
      });
      const again = await createLeasing(fresh.connection, { leaseMs }).claim(old);
      expect(again?.resumed).toBe(true);
      expect(again?.lease.leaseId).toBe(held?.lease.leaseId);

      // Once backfilled, a worker without a pointer is not looked for among the tasks: a lease
      // written behind the pointers' back (impossible through Parley) is not found.
      const ghost = worker();
      const taken = await createLeasing(fresh.connection, { leaseMs }).claim(ghost);
      await leasePointerModel(fresh.connection).deleteOne({ _id: ghost });
      const fresher = await createLeasing(fresh.connection, { leaseMs }).claim(ghost);
      expect(fresher?.resumed).toBe(false);
      expect(fresher?.task._id.toHexString()).not.toBe(taken?.task._id.toHexString());
    } finally {
      await fresh.drop();
    }
  });

  it("a worker's pointer names their live lease, through a resumed claim, and forgets it when it ends", async () => {
    await freshTasks(3, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    const pointers = leasePointerModel(db.connection);
    const w = worker();
    const first = await leasing.claim(w);
    const live = {
      taskId: first?.task._id.toHexString(),
      leaseId: first?.lease.leaseId,
      claimId: null,
    };
    expect(await pointers.findById(w).lean()).toMatchObject(live);
    // A second claim marks the pointer, finds the live lease and puts the pointer back on it.
    const again = await leasing.claim(w);
    expect(again?.resumed).toBe(true);
    expect(again?.lease.leaseId).toBe(first?.lease.leaseId);
    expect(await pointers.findById(w).lean()).toMatchObject(live);
    await leasing.release(first!.task._id.toHexString(), w, 'completed');
    expect(await pointers.findById(w).lean()).toMatchObject({
      taskId: null,
      leaseId: null,
      claimId: null,
    });
    const next = await leasing.claim(w);
    expect(next?.resumed).toBe(false);
    expect(next?.task._id.toHexString()).not.toBe(first?.task._id.toHexString());
    // Releasing a lease the pointer no longer names leaves the pointer alone.
    const other = createLeasing(db.connection, { leaseMs });
    const pointerBefore = await pointers.findById(w).lean();
    await expect(
      other.release(first!.task._id.toHexString(), w, 'abandoned'),
    ).rejects.toBeInstanceOf(LeaseExpiredError);
    expect(await pointers.findById(w).lean()).toStrictEqual(pointerBefore);
  });

  it('a pointer to a lease that ended elsewhere is not trusted', async () => {
    await freshTasks(2, 1);
    const here = createLeasing(db.connection, { leaseMs });
    const there = createLeasing(db.connection, { leaseMs });
    const w = worker();
    const first = await here.claim(w);
    await there.release(first!.task._id.toHexString(), w, 'abandoned');
    const next = await here.claim(w);
    expect(next?.resumed).toBe(false);
    expect(next?.task._id.toHexString()).not.toBe(first?.task._id.toHexString());
  });

  it("asks the gold draw only when a gold task is open to the worker, and tells it the task's round", async () => {
    const tasks = await freshTasks(3, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    const asked: (string | null)[] = [];
    const draw = (openGold: { roundId: string | null }) => {
      asked.push(openGold.roundId);
      return Promise.resolve(true);
    };
    expect((await leasing.claim(worker(), new Date(), { preferGold: draw }))?.task.gold).toBe(
      false,
    );
    expect(asked).toEqual([]);
    const goldId = tasks[2]!._id;
    await taskModel(db.connection).updateOne(
      { _id: goldId },
      { $set: { gold: true, roundId: 'round-g' } },
    );
    await markOpenTasksChanged(db.connection);
    const gold = await leasing.claim(worker(), new Date(), { preferGold: draw });
    expect(gold?.task._id.toHexString()).toBe(goldId.toHexString());
    expect(asked).toEqual(['round-g']);
  });
});

describe('lease lifetime', () => {
  it('renews on heartbeat, and an expired lease can neither be renewed nor kept', async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const ended: LeaseEnded[] = [];
    const leasing = createLeasing(db.connection, {
      leaseMs: 1_000,
      onLeaseEnded: (e) => Promise.resolve(void ended.push(e)),
    });
    const t0 = new Date();
    const me = worker();
    const held = await leasing.claim(me, t0);
    expect(held?.lease.expiresAt.getTime()).toBe(t0.getTime() + 1_000);

    const renewed = await leasing.renew(taskId, me, new Date(t0.getTime() + 900));
    expect(renewed.lease.expiresAt.getTime()).toBe(t0.getTime() + 1_900);
    // Not expired yet at +1.5 s thanks to the heartbeat.
    expect(await leasing.expireLeases(new Date(t0.getTime() + 1_500))).toEqual([]);

    const late = new Date(t0.getTime() + 2_000);
    await expect(leasing.renew(taskId, me, late)).rejects.toBeInstanceOf(LeaseExpiredError);
    await expect(leasing.held(taskId, me, late)).rejects.toBeInstanceOf(LeaseExpiredError);
    const expired = await leasing.expireLeases(late);
    expect(expired).toEqual([
      { taskId, workerId: me, leaseId: held?.lease.leaseId, status: 'expired' },
    ]);
    expect(ended).toEqual(expired);
    const stored = await taskModel(db.connection).findById(taskId).lean<Task>();
    expect(stored?.openSlots).toBe(1);
    expectConsistent(stored as Task);

    // The slot is back for someone else, never for the worker who let it expire.
    expect(await leasing.claim(me, late)).toBeNull();
    expect((await leasing.claim(worker(), late))?.task._id.toHexString()).toBe(taskId);
  });

  it('a lease ends at its expiry instant: it can no longer be renewed, held or released then', async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const me = worker();
    await leasing.claim(me, t0);
    // One millisecond before the end everything still works (and moves nothing).
    expect((await leasing.held(taskId, me, at(999))).lease.status).toBe('active');
    expect(await leasing.currentLease(me, at(999))).not.toBeNull();
    await expect(leasing.renew(taskId, me, at(1_000))).rejects.toBeInstanceOf(LeaseExpiredError);
    await expect(leasing.held(taskId, me, at(1_000))).rejects.toBeInstanceOf(LeaseExpiredError);
    await expect(leasing.release(taskId, me, 'completed', at(1_000))).rejects.toBeInstanceOf(
      LeaseExpiredError,
    );
    expect(await leasing.currentLease(me, at(1_000))).toBeNull();
    // And the sweep at that instant ends it.
    expect((await leasing.expireLeases(at(1_000))).map((e) => e.workerId)).toEqual([me]);
  });

  it("one worker's renewal, release and expiry change only their own lease on a shared task", async () => {
    const [task] = await freshTasks(1, 3);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const [done, renewing, idle] = [worker(), worker(), worker()];
    await leasing.claim(done, t0);
    await leasing.claim(renewing, t0);
    await leasing.claim(idle, at(100));
    await leasing.release(taskId, done, 'completed', at(200));
    // A completed lease is over before its expiry: it cannot be held or renewed any more, even
    // through a pointer left naming it (as by a crash between the two writes of a release).
    await expect(leasing.held(taskId, done, at(300))).rejects.toBeInstanceOf(LeaseExpiredError);
    await expect(leasing.renew(taskId, done, at(300))).rejects.toBeInstanceOf(LeaseExpiredError);
    const doneLease = (await taskModel(db.connection).findById(taskId).lean<Task>())?.leases.find(
      (l) => l.workerId === done,
    );
    await leasePointerModel(db.connection)
      .updateOne({ _id: done }, { $set: { taskId, leaseId: doneLease?.leaseId, claimId: null } })
      .exec();
    expect(await leasing.currentLease(done, at(300))).toBeNull();
    const renewed = await leasing.renew(taskId, renewing, at(500));
    expect(renewed.lease.workerId).toBe(renewing);
    const leaseOf = async (who: string) =>
      (await taskModel(db.connection).findById(taskId).lean<Task>())?.leases.find(
        (l) => l.workerId === who,
      );
    expect((await leaseOf(idle))?.expiresAt.getTime()).toBe(t0.getTime() + 1_100);
    expect(await leaseOf(done)).toMatchObject({ status: 'completed' });
    // At +1.1 s only the idle worker's lease expires; the completed one stays completed.
    expect((await leasing.expireLeases(at(1_100))).map((e) => e.workerId)).toEqual([idle]);
    const stored = await taskModel(db.connection).findById(taskId).lean<Task>();
    expect(stored?.leases.map((l) => [l.workerId, l.status])).toEqual([
      [done, 'completed'],
      [renewing, 'active'],
      [idle, 'expired'],
    ]);
    expect(stored).toMatchObject({ openSlots: 1, completedCount: 1 });
    expectConsistent(stored as Task);
    expect((await leasing.currentLease(renewing, at(1_100)))?.lease.workerId).toBe(renewing);
    expect(await leasing.currentLease(done, at(1_100))).toBeNull();
  });

  it('a lease this process wrote is claimable by the next claim at its expiry instant', async () => {
    const [task] = await freshTasks(1, 1);
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    await leasing.claim(worker(), t0);
    expect(await leasing.claim(worker(), new Date(t0.getTime() + 500))).toBeNull();
    const next = await leasing.claim(worker(), new Date(t0.getTime() + 1_000));
    expect(next?.task._id.toHexString()).toBe((task as Task)._id.toHexString());
  });

  it('tasks reserved for a worker go to that worker alone, and only to a reserved claim', async () => {
    const tasks = await freshTasks(3, 1);
    const participant = worker();
    const reserved = tasks.slice(0, 2).map((t) => t._id);
    await taskModel(db.connection)
      .updateMany({ _id: { $in: reserved } }, { $set: { reservedFor: participant } })
      .exec();
    await markOpenTasksChanged(db.connection);
    const leasing = createLeasing(db.connection, { leaseMs });
    const now = new Date();
    // Someone else gets only the unreserved task; the participant's plain claim gets nothing.
    expect((await leasing.claim(worker(), now))?.task._id.toHexString()).toBe(
      tasks[2]?._id.toHexString(),
    );
    expect(await leasing.claim(participant, now)).toBeNull();
    const first = await leasing.claim(participant, now, { reserved: true });
    expect(first?.task._id.toHexString()).toBe(reserved[0]?.toHexString());
    await leasing.release(reserved[0]!.toHexString(), participant, 'completed', now);
    const second = await leasing.claim(participant, now, { reserved: true });
    expect(second?.task._id.toHexString()).toBe(reserved[1]?.toHexString());
    expect(await leasing.claim(worker(), now, { reserved: true })).toBeNull();
  });

  it('a claim sweeps expired leases by itself (no timer needed)', async () => {
    const [task] = await freshTasks(1, 1);
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    await leasing.claim(worker(), t0);
    expect(await leasing.claim(worker(), new Date(t0.getTime() + 500))).toBeNull();
    const later = await leasing.claim(worker(), new Date(t0.getTime() + 1_500));
    expect(later?.task._id.toHexString()).toBe((task as Task)._id.toHexString());
  });

  it("another process's expired lease is swept by the full sweep, at most 30 s after its expiry", async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const here = createLeasing(db.connection, { leaseMs: 1_000 });
    const there = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    await there.claim(worker(), t0);
    expect(await here.claim(worker(), t0)).toBeNull(); // the slot is taken (a full sweep ran)
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // Expired at +1 s, but written by the other process: this one reads only its own leases.
    expect(await here.claim(worker(), at(1_500))).toBeNull();
    expect(await here.claim(worker(), at(29_999))).toBeNull();
    expect((await here.claim(worker(), at(30_000)))?.task._id.toHexString()).toBe(taskId);
  });

  it('abandoning frees the slot at once; the abandoning worker never gets the task again', async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const ended: LeaseEnded[] = [];
    const leasing = createLeasing(db.connection, {
      leaseMs,
      onLeaseEnded: (e) => Promise.resolve(void ended.push(e)),
    });
    const me = worker();
    await leasing.claim(me);
    await leasing.release(taskId, me, 'abandoned');
    expect(ended.map((e) => e.status)).toEqual(['abandoned']);
    await expect(leasing.release(taskId, me, 'abandoned')).rejects.toBeInstanceOf(
      LeaseExpiredError,
    );
    expect(await leasing.claim(me)).toBeNull();
    expect((await leasing.claim(worker()))?.task._id.toHexString()).toBe(taskId);
  });

  it('refuses workers who never held the task, without saying whether it exists', async () => {
    const [task] = await freshTasks(1, 2);
    const leasing = createLeasing(db.connection, { leaseMs });
    await leasing.claim(worker());
    const taskId = (task as Task)._id.toHexString();
    await expect(leasing.held(taskId, worker())).rejects.toBeInstanceOf(NotFoundError);
    await expect(leasing.renew('0'.repeat(24), worker())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('concurrent heartbeats and claims on one task all succeed and keep the counts right', async () => {
    const [task] = await freshTasks(1, 6);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs });
    const holders = Array.from({ length: 3 }, worker);
    for (const h of holders) {
      await leasing.claim(h);
    }
    const newcomers = Array.from({ length: 3 }, worker);
    await Promise.all([
      ...holders.flatMap((h) => Array.from({ length: 5 }, () => leasing.renew(taskId, h))),
      ...newcomers.map((n) => leasing.claim(n)),
    ]);
    const stored = await taskModel(db.connection).findById(taskId).lean<Task>();
    expect(stored?.leases).toHaveLength(6);
    expect(stored?.openSlots).toBe(0);
    expectConsistent(stored as Task);
  });
});

describe("the claim's own sweep: which expired leases a claim frees, and when", () => {
  const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);

  it("frees a shared task at its earliest lease's expiry, not its latest", async () => {
    const [task] = await freshTasks(1, 2);
    const leasing = createLeasing(db.connection, { leaseMs: 10_000 });
    const t0 = new Date();
    await leasing.claim(worker(), t0);
    await leasing.claim(worker(), at(t0, 2_000));
    const third = await leasing.claim(worker(), at(t0, 10_000));
    expect(third?.task._id.toHexString()).toBe((task as Task)._id.toHexString());
  });

  it("follows a renewal: the lease is freed at its renewed expiry, by this process's own sweep", async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs: 10_000 });
    const t0 = new Date();
    const holder = worker();
    await leasing.claim(holder, t0);
    await leasing.renew(taskId, holder, at(t0, 5_000));
    expect(await leasing.claim(worker(), at(t0, 10_000))).toBeNull(); // renewed: still live
    // Freed at +15 s, well before the full sweep's 30 s.
    expect((await leasing.claim(worker(), at(t0, 15_000)))?.task._id.toHexString()).toBe(taskId);
  });

  it('a claim with a clock set back before the last full sweep sweeps fully', async () => {
    const [task] = await freshTasks(1, 1);
    const here = createLeasing(db.connection, { leaseMs: 1_000 });
    const there = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    await here.claim(worker(), at(t0, 100_000)); // a full sweep at +100 s (takes the task)
    await taskModel(db.connection).updateOne(
      { _id: (task as Task)._id },
      { $set: { leases: [], workerIds: [], openSlots: 1 } },
    );
    await markOpenTasksChanged(db.connection);
    // Another process's lease from +0 s, expired at +1 s: only a full sweep sees it.
    await there.claim(worker(), t0);
    const next = await here.claim(worker(), at(t0, 5_000));
    expect(next?.task._id.toHexString()).toBe((task as Task)._id.toHexString());
  });

  it('sweeps at most once a second: a lease that expired since the last sweep waits for the next', async () => {
    const [first, second] = await freshTasks(2, 1);
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const t0 = new Date();
    const id = (held: { task: Task } | null) => held?.task._id.toHexString();
    expect(id(await leasing.claim(worker(), t0))).toBe(first?._id.toHexString());
    // 0.5 s later: no sweep (the first lease is live anyway); the other task.
    expect(id(await leasing.claim(worker(), at(t0, 500)))).toBe(second?._id.toHexString());
    // 1 s after the last sweep: a sweep, which frees the first task (expired at +1 s).
    expect(id(await leasing.claim(worker(), at(t0, 1_000)))).toBe(first?._id.toHexString());
    // The second task's lease expired at +1.5 s; 0.6 s after the last sweep there is none.
    expect(await leasing.claim(worker(), at(t0, 1_600))).toBeNull();
    // A second after the last sweep: both are free again, and the most novel goes first.
    expect(id(await leasing.claim(worker(), at(t0, 2_000)))).toBe(first?._id.toHexString());
    expect(id(await leasing.claim(worker(), at(t0, 2_000)))).toBe(second?._id.toHexString());
  });

  it('tells the other processes when a slot comes free (abandoned or expired), and only then', async () => {
    const [task] = await freshTasks(1, 2);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs: 1_000 });
    const version = async () =>
      (await taskQueueModel(db.connection).findById(taskQueueId).lean())?.version;
    const t0 = new Date();
    const [a, b] = [worker(), worker()];
    await leasing.claim(a, t0);
    await leasing.claim(b, t0);
    const start = await version();
    expect(start).toBeGreaterThan(0);
    await leasing.renew(taskId, a, at(t0, 100));
    await leasing.release(taskId, a, 'completed', at(t0, 200));
    expect(await version()).toBe(start);
    await leasing.release(taskId, b, 'abandoned', at(t0, 300));
    expect(await version()).toBe((start as number) + 1);
    // An expiry frees a slot too (a third worker's lease, swept by the next claim).
    const c = worker();
    await leasing.claim(c, at(t0, 400));
    const beforeExpiry = await version();
    expect(await leasing.claim(worker(), at(t0, 60_000))).not.toBeNull();
    expect(await version()).toBe((beforeExpiry as number) + 1);
  });

  it("one worker's claim and release leave every other worker's pointer as it was", async () => {
    await freshTasks(3, 1);
    const leasing = createLeasing(db.connection, { leaseMs });
    const pointers = leasePointerModel(db.connection);
    const [first, second] = [worker(), worker()];
    const held = await leasing.claim(first);
    const pointer = await pointers.findById(first).lean();
    expect(pointer).toMatchObject({ taskId: held?.task._id.toHexString(), claimId: null });
    const other = await leasing.claim(second);
    expect(await pointers.findById(first).lean()).toStrictEqual(pointer);
    await leasing.release(other!.task._id.toHexString(), second, 'completed');
    expect(await pointers.findById(first).lean()).toStrictEqual(pointer);
  });

  it("tracks only live leases: a completed one's expiry does not hide the next lease's", async () => {
    const [task] = await freshTasks(1, 2);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs: 10_000 });
    const t0 = new Date();
    const first = worker();
    await leasing.claim(first, t0);
    await leasing.release(taskId, first, 'completed', at(t0, 1_000));
    await leasing.claim(worker(), at(t0, 5_000)); // the other slot, until +15 s
    expect(await leasing.claim(worker(), at(t0, 10_000))).toBeNull();
    expect((await leasing.claim(worker(), at(t0, 15_000)))?.task._id.toHexString()).toBe(taskId);
  });

  it("a lease another process claimed and this one renewed is freed by this one's sweep", async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const here = createLeasing(db.connection, { leaseMs: 10_000 });
    const there = createLeasing(db.connection, { leaseMs: 10_000 });
    const t0 = new Date();
    const holder = worker();
    await there.claim(holder, t0);
    expect(await here.claim(worker(), t0)).toBeNull(); // full; this process's full sweep is done
    await here.renew(taskId, holder, at(t0, 5_000));
    expect((await here.claim(worker(), at(t0, 15_000)))?.task._id.toHexString()).toBe(taskId);
  });
});

describe('claims and changes, checked by the write', () => {
  it("a study participant's claim takes only their rounds' tasks, even from a stale copy", async () => {
    const tasks = await freshTasks(3, 1);
    await taskModel(db.connection).updateOne({ _id: tasks[0]?._id }, { $set: { roundId: 'r1' } });
    await taskModel(db.connection).updateOne({ _id: tasks[1]?._id }, { $set: { roundId: 'r2' } });
    await markOpenTasksChanged(db.connection);
    const leasing = createLeasing(db.connection, { leaseMs });
    const inR2 = await leasing.claim(worker(), new Date(), { roundIds: ['r2'] });
    expect(inR2?.task._id.toHexString()).toBe(tasks[1]?._id.toHexString());
    expect(await leasing.claim(worker(), new Date(), { roundIds: ['r2', 'r9'] })).toBeNull();
    // The task moves to another round behind the process's copy: the write refuses it.
    await taskModel(db.connection).updateOne({ _id: tasks[0]?._id }, { $set: { roundId: 'r3' } });
    expect(await leasing.claim(worker(), new Date(), { roundIds: ['r1'] })).toBeNull();
  });

  it('a renewal returns the task as stored, and a stranger is told no task is leased to them', async () => {
    const [task] = await freshTasks(1, 1);
    const taskId = (task as Task)._id.toHexString();
    const leasing = createLeasing(db.connection, { leaseMs });
    const holder = worker();
    await leasing.claim(holder);
    const renewed = await leasing.renew(taskId, holder);
    const stored = await taskModel(db.connection).findById(taskId).lean<Task>();
    expect(renewed.task.version).toBe(stored?.version);
    await expect(leasing.held(taskId, 'nobody')).rejects.toThrow(
      `No task ${taskId} is leased to you.`,
    );
  });

  it('a claim that died half-way resumes its own lease on a shared task, not the first one on it', async () => {
    await freshTasks(1, 2);
    const leasing = createLeasing(db.connection, { leaseMs });
    const [first, second] = [worker(), worker()];
    await leasing.claim(first);
    const mine = await leasing.claim(second);
    await leasePointerModel(db.connection).updateOne(
      { _id: second },
      { $set: { claimId: 'died' } },
    );
    const again = await leasing.claim(second);
    expect(again?.resumed).toBe(true);
    expect(again?.lease.leaseId).toBe(mine?.lease.leaseId);
  });
});
