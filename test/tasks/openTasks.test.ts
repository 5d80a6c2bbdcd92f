import type { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { createOpenTasks } from '../../platform/tasks/openTasks';
import { markOpenTasksChanged } from '../../platform/tasks/queueModels';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestTasks } from '../support/taskFactory';

/**
 * The process's copy of the open tasks (platform/tasks/openTasks.ts), driven with a stand-in for
 * the atomic claim that records which tasks a claim tried. The leasing tests check what a claim
 * gets; these check what it tries and in what order — the copy exists to make a claim one write
 * on the right task instead of a scan, so trying a task the worker may not take, or skipping one
 * it may, is the copy's bug even where the atomic write would catch it.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase('openTasks');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await db.drop();
});

interface TaskShape {
  novelty: number;
  gold?: boolean;
  roundId?: string | null;
  reservedFor?: string | null;
  openSlots?: number;
  workerIds?: string[];
  closed?: boolean;
}

/** Tasks with these fields, in id order (names a, b, c… by position). */
async function storeTasks(shapes: TaskShape[]): Promise<string[]> {
  await taskModel(db.connection).deleteMany({});
  const made = await createTestTasks(db.connection, shapes.length, { redundancy: 2 });
  const ids = made.map((t) => t._id).sort((x, y) => x.toHexString().localeCompare(y.toHexString()));
  for (const [i, shape] of shapes.entries()) {
    await taskModel(db.connection).updateOne(
      { _id: ids[i] },
      {
        $set: {
          novelty: shape.novelty,
          gold: shape.gold ?? false,
          roundId: shape.roundId ?? null,
          reservedFor: shape.reservedFor ?? null,
          openSlots: shape.openSlots ?? 2,
          workerIds: shape.workerIds ?? [],
          closed: shape.closed ?? false,
        },
      },
    );
  }
  await markOpenTasksChanged(db.connection);
  return ids.map((id) => id.toHexString());
}

/** Names the tried ids by their position in `ids` (a, b, c…), to read the order at a glance. */
function named(ids: string[], tried: string[]): string[] {
  return tried.map((hex) => String.fromCharCode(97 + ids.indexOf(hex)));
}

/** A stand-in for the atomic claim: records each try; succeeds on the ids listed. */
function recordingAttempt(succeedOn: (hex: string) => Task | null = () => null) {
  const tried: string[] = [];
  return {
    tried,
    attempt: (taskId: Types.ObjectId): Promise<Task | null> => {
      tried.push(taskId.toHexString());
      return Promise.resolve(succeedOn(taskId.toHexString()));
    },
  };
}

/** The stored task, as the atomic claim would return it, with the slots it says are left. */
async function stored(hex: string, openSlots: number): Promise<Task> {
  const task = await taskModel(db.connection).findById(hex).lean<Task>();
  expect(task).not.toBeNull();
  return { ...(task as Task), openSlots };
}

let openTasks: ReturnType<typeof createOpenTasks>;
beforeEach(() => {
  openTasks = createOpenTasks(db.connection);
});

describe('the open-task copy: what a claim tries', () => {
  it('most novel first, equal novelty in id order, gold after the rest; then once more after a re-read', async () => {
    const ids = await storeTasks([
      { novelty: 1 },
      { novelty: 5, gold: true },
      { novelty: 3 },
      { novelty: 3 },
      { novelty: 9 },
      { novelty: 2, gold: true },
    ]);
    await openTasks.refreshIfChanged();
    const { tried, attempt } = recordingAttempt();
    expect(await openTasks.claimFirst('w1', {}, attempt)).toBeNull();
    const order = ['e', 'c', 'd', 'a', 'b', 'f'];
    expect(named(ids, tried)).toEqual([...order, ...order]);
  });

  it('gold first for a claim that prefers it, each part still by novelty', async () => {
    const ids = await storeTasks([
      { novelty: 1 },
      { novelty: 5, gold: true },
      { novelty: 9 },
      { novelty: 7, gold: true },
    ]);
    await openTasks.refreshIfChanged();
    const { tried, attempt } = recordingAttempt();
    await openTasks.claimFirst('w1', { preferGold: true }, attempt);
    expect(named(ids, tried).slice(0, 4)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('never tries a task the worker holds, one reserved for someone else, a full or closed one', async () => {
    const ids = await storeTasks([
      { novelty: 6, workerIds: ['w1'] },
      { novelty: 5, reservedFor: 'w2' },
      { novelty: 4, reservedFor: 'w1' },
      { novelty: 3, openSlots: 0 },
      { novelty: 2, closed: true },
      { novelty: 1 },
      { novelty: 0.5, gold: true, reservedFor: 'w2' },
    ]);
    await openTasks.refreshIfChanged();
    const plain = recordingAttempt();
    await openTasks.claimFirst('w1', {}, plain.attempt);
    expect(named(ids, plain.tried)).toEqual(['f', 'f']);

    // A reserved claim tries the tasks reserved for this worker, and those alone.
    const reserved = recordingAttempt();
    await openTasks.claimFirst('w1', { reserved: true }, reserved.attempt);
    expect(named(ids, reserved.tried)).toEqual(['c', 'c']);
  });

  it("a participant's claim tries only their rounds' tasks (never a task of no round)", async () => {
    const ids = await storeTasks([
      { novelty: 4, roundId: 'r1' },
      { novelty: 3, roundId: 'r2' },
      { novelty: 2, roundId: null },
      { novelty: 1, roundId: 'r3' },
    ]);
    await openTasks.refreshIfChanged();
    const some = recordingAttempt();
    await openTasks.claimFirst('w1', { roundIds: ['r1', 'r3'] }, some.attempt);
    expect(named(ids, some.tried)).toEqual(['a', 'd', 'a', 'd']);
    // Anyone else's claim (a fresh copy: the one above took its failed tries' word).
    const fresh = createOpenTasks(db.connection);
    await fresh.refreshIfChanged();
    const all = recordingAttempt();
    await fresh.claimFirst('w1', {}, all.attempt);
    expect(named(ids, all.tried)).toEqual(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
  });
});

describe('the open-task copy: what a claim remembers', () => {
  it('a task just claimed is not tried again by the same worker, nor by another once a write says it is full', async () => {
    const ids = await storeTasks([{ novelty: 3 }, { novelty: 2 }, { novelty: 1 }]);
    const [a, b, c] = ids as [string, string, string];
    await openTasks.refreshIfChanged();
    // w1 takes a; the write says one slot is left.
    const aLeft = await stored(a, 1);
    const takeA = recordingAttempt((hex) => (hex === a ? aLeft : null));
    expect(await openTasks.claimFirst('w1', {}, takeA.attempt)).toEqual(aLeft);

    // w1 again: not a (they hold it); b succeeds, and its write says it is now full (the copy
    // counted one left: the lower count holds).
    const bFull = await stored(b, 0);
    const again = recordingAttempt((hex) => (hex === b ? bFull : null));
    await openTasks.claimFirst('w1', {}, again.attempt);
    expect(named(ids, again.tried)).toEqual(['b']);

    // w2: a has a slot left by its write's word (this try fails), b is full: a, then c.
    const cTask = await stored(c, 1);
    const other = recordingAttempt((hex) => (hex === c ? cTask : null));
    await openTasks.claimFirst('w2', {}, other.attempt);
    expect(named(ids, other.tried)).toEqual(['a', 'c']);
  });

  it('a task whose write failed is not tried again until the next read', async () => {
    const ids = await storeTasks([{ novelty: 2 }, { novelty: 1 }]);
    const [a, b] = ids as [string, string];
    await openTasks.refreshIfChanged();
    const bTask = await stored(b, 1);
    const first = recordingAttempt((hex) => (hex === b ? bTask : null));
    await openTasks.claimFirst('w1', {}, first.attempt);
    expect(named(ids, first.tried)).toEqual(['a', 'b']);
    // a is open in the store, but the copy took the failed write's word for it.
    const aTask = await stored(a, 1);
    const second = recordingAttempt((hex) => (hex === b ? bTask : hex === a ? aTask : null));
    await openTasks.claimFirst('w2', {}, second.attempt);
    expect(named(ids, second.tried)).toEqual(['b']);
  });

  it('concurrent claims of one process take the last slot of a task once: the others go on to the next', async () => {
    const ids = await storeTasks([{ novelty: 2, openSlots: 1 }, { novelty: 1 }]);
    const [a, b] = ids as [string, string];
    await openTasks.refreshIfChanged();
    const tried: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first write is held open while the second claim runs.
    const attempt = async (taskId: Types.ObjectId): Promise<Task | null> => {
      tried.push(taskId.toHexString());
      if (tried.length === 1) {
        await held;
      }
      return stored(taskId.toHexString(), 0);
    };
    const one = openTasks.claimFirst('w1', {}, attempt);
    const two = openTasks.claimFirst('w2', {}, attempt);
    const second = await two;
    release();
    const first = await one;
    expect(first?._id.toHexString()).toBe(a);
    expect(second?._id.toHexString()).toBe(b);
    expect(named(ids, tried)).toEqual(['a', 'b']);
  });

  it('when every try failed, it reads the tasks again and tries what is open now', async () => {
    const ids = await storeTasks([{ novelty: 2 }]);
    await openTasks.refreshIfChanged();
    const tried: string[] = [];
    const attempt = async (taskId: Types.ObjectId): Promise<Task | null> => {
      const hex = taskId.toHexString();
      tried.push(hex);
      if (hex !== ids[0]) {
        return stored(hex, 0);
      }
      // Meanwhile another process closed this task and added one.
      await taskModel(db.connection).updateOne({ _id: hex }, { $set: { closed: true } });
      await createTestTasks(db.connection, 1, { redundancy: 1, seed: 99 });
      return null;
    };
    const claimed = await openTasks.claimFirst('w1', {}, attempt);
    expect(tried).toHaveLength(2);
    expect(tried[0]).toBe(ids[0]);
    expect(claimed?._id.toHexString()).toBe(tried[1]);
  });
});

describe('the open-task copy: when it reads', () => {
  it('reads once, then again only when the queue says the open tasks changed', async () => {
    const ids = await storeTasks([{ novelty: 1 }, { novelty: 50, openSlots: 0 }]);
    const [a, b] = ids as [string, string];
    await openTasks.refreshIfChanged();
    // b opens without the queue being told: the copy does not know it yet.
    await taskModel(db.connection).updateOne({ _id: b }, { $set: { openSlots: 2 } });
    await openTasks.refreshIfChanged();
    const aTask = await stored(a, 1);
    const before = recordingAttempt(() => aTask);
    await openTasks.claimFirst('w1', {}, before.attempt);
    expect(named(ids, before.tried)).toEqual(['a']);

    // Once told, the next refresh reads it: the most novel, first.
    await markOpenTasksChanged(db.connection);
    await openTasks.refreshIfChanged();
    const after = recordingAttempt(() => aTask);
    await openTasks.claimFirst('w2', {}, after.attempt);
    expect(named(ids, after.tried)).toEqual(['b']);
  });
});

describe('the open-task copy: the first gold task open to a worker', () => {
  it("names the first gold task's round, checked against the stored task at the time of asking", async () => {
    const ids = await storeTasks([
      { novelty: 9 },
      { novelty: 5, gold: true, roundId: 'r1' },
      { novelty: 4, gold: true, roundId: 'r2' },
    ]);
    await openTasks.refreshIfChanged();
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r1' });

    // Since the copy's read, the stored task filled up, was closed, was taken by this worker,
    // or is gone: the next gold task.
    const changes = [{ openSlots: 0 }, { closed: true }, { workerIds: ['w1'] }, 'deleted'] as const;
    for (const change of changes) {
      const copy = createOpenTasks(db.connection);
      await copy.refreshIfChanged();
      const before = await taskModel(db.connection).findById(ids[1]).lean<Task>();
      if (change === 'deleted') {
        await taskModel(db.connection).deleteOne({ _id: ids[1] });
      } else {
        await taskModel(db.connection).updateOne({ _id: ids[1] }, { $set: change });
      }
      expect(await copy.firstGold('w1', {})).toEqual({ roundId: 'r2' });
      await taskModel(db.connection).replaceOne({ _id: ids[1] }, before as Task, { upsert: true });
    }
  });

  it('a gold task the worker holds is passed over without a look, and stays open to others', async () => {
    await storeTasks([
      { novelty: 5, gold: true, roundId: 'r1', workerIds: ['w1'] },
      { novelty: 4, gold: true, roundId: 'r2' },
    ]);
    await openTasks.refreshIfChanged();
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r2' });
    expect(await openTasks.firstGold('w2', {})).toEqual({ roundId: 'r1' });
  });

  it('a gold task found full is skipped from then on, until the next read', async () => {
    const ids = await storeTasks([
      { novelty: 5, gold: true, roundId: 'r1' },
      { novelty: 4, gold: true, roundId: 'r2' },
    ]);
    await openTasks.refreshIfChanged();
    await taskModel(db.connection).updateOne({ _id: ids[0] }, { $set: { openSlots: 0 } });
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r2' });
    await taskModel(db.connection).updateOne({ _id: ids[0] }, { $set: { openSlots: 2 } });
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r2' });
  });

  it('the round the stored task names is the one the copy keeps for it', async () => {
    const ids = await storeTasks([{ novelty: 5, gold: true, roundId: 'r1' }]);
    await openTasks.refreshIfChanged();
    await taskModel(db.connection).updateOne({ _id: ids[0] }, { $set: { roundId: 'r2' } });
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r2' });
    // Moved again without telling the queue: the copy still says r2, so a claim for r2 tries
    // the task at once (a copy still saying r1 would try nothing before a re-read, which finds r3).
    await taskModel(db.connection).updateOne({ _id: ids[0] }, { $set: { roundId: 'r3' } });
    const aTask = await stored(ids[0] as string, 1);
    const { tried, attempt } = recordingAttempt(() => aTask);
    await openTasks.claimFirst('w1', { roundIds: ['r2'] }, attempt);
    expect(named(ids, tried)).toEqual(['a']);
  });

  it("keeps to a participant's rounds, and answers null when no gold task is open to the worker", async () => {
    const ids = await storeTasks([
      { novelty: 5, gold: true, roundId: 'r1' },
      { novelty: 4, gold: true, roundId: null },
      { novelty: 3, gold: true, roundId: 'r2' },
      { novelty: 2 },
    ]);
    await openTasks.refreshIfChanged();
    expect(await openTasks.firstGold('w1', { roundIds: ['r2'] })).toEqual({ roundId: 'r2' });
    expect(await openTasks.firstGold('w1', { roundIds: ['r3'] })).toBeNull();
    expect(await openTasks.firstGold('w1', {})).toEqual({ roundId: 'r1' });
    // A gold task moved to another round since the read: the stored round decides.
    await taskModel(db.connection).updateOne({ _id: ids[2] }, { $set: { roundId: 'r9' } });
    expect(await openTasks.firstGold('w2', { roundIds: ['r2'] })).toBeNull();
    // Only tasks that are not gold are open: none.
    await taskModel(db.connection).updateMany({ gold: true }, { $set: { openSlots: 0 } });
    await markOpenTasksChanged(db.connection);
    await openTasks.refreshIfChanged();
    expect(await openTasks.firstGold('w3', {})).toBeNull();
  });
});
