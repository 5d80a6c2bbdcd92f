import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { z } from 'zod';
import { connectDatabase } from '../../platform/database/connection';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { jobModel } from '../../platform/jobs/jobModel';
import { createJobQueue } from '../../platform/jobs/jobQueue';
import type { JobHandlers, JobRegistry } from '../../platform/jobs/jobRegistry';
import { createJobRunner } from '../../platform/jobs/jobRunner';
import { ValidationError } from '../../platform/errors';
import { RecordIdTakenError } from '../../platform/errors';
import { createLogger } from '../../platform/logger';
import { openTestDatabase } from '../setup/testDatabase';

const registry = {
  'test.count': {
    payload: z.object({ n: z.number().int() }),
    maxAttempts: 3,
    leaseMs: 1_000,
    backoffMs: 10,
  },
  'test.flaky': {
    payload: z.object({ n: z.number().int() }),
    maxAttempts: 3,
    leaseMs: 1_000,
    backoffMs: 50,
  },
  'test.snooze': {
    payload: z.object({ times: z.number().int() }),
    maxAttempts: 2,
    leaseMs: 1_000,
    backoffMs: 10,
  },
  'test.slow': {
    payload: z.object({}),
    maxAttempts: 3,
    leaseMs: 300,
    backoffMs: 10,
  },
  'test.broken': {
    payload: z.object({ n: z.number().int() }),
    maxAttempts: 3,
    leaseMs: 1_000,
    backoffMs: 10,
  },
  'test.taken': {
    payload: z.object({}),
    maxAttempts: 3,
    leaseMs: 1_000,
    backoffMs: 10,
  },
} satisfies JobRegistry;

const log = createLogger('silent');
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const extra: Connection[] = [];
/** Job ids each handler ran, in order, across every runner of a test. */
let runs: string[] = [];

const handlers: JobHandlers<typeof registry> = {
  'test.count': async (payload, { jobId }) => {
    runs.push(jobId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { status: 'done', result: { doubled: payload.n * 2 } };
  },
  'test.flaky': async (_payload, { jobId }) => {
    runs.push(jobId);
    await Promise.resolve();
    throw new Error('the handler broke');
  },
  'test.snooze': async (payload, { jobId }) => {
    runs.push(jobId);
    await Promise.resolve();
    const ran = runs.filter((id) => id === jobId).length;
    return ran <= payload.times
      ? { status: 'snooze', runAfterMs: 30, result: { ran } }
      : { status: 'done', result: { ran } };
  },
  'test.slow': async (_payload, { jobId, signal }) => {
    runs.push(jobId);
    slowSignal = signal;
    slow.started();
    await slow.released;
    return { status: 'done' };
  },
  'test.broken': async (_payload, { jobId }) => {
    runs.push(jobId);
    await Promise.resolve();
    return { status: 'failed', error: 'checkpoint gone-alice does not exist' };
  },
  'test.taken': async (_payload, { jobId }) => {
    runs.push(jobId);
    await Promise.resolve();
    throw new RecordIdTakenError('r1-selfplay-000000');
  },
};

/** The slow handler runs until the test releases it (no wall-clock wait decides anything). */
let slow = gate();
/** The signal the slow handler was given (aborted when its lease is lost or its runner stops). */
let slowSignal: AbortSignal | null = null;
function gate() {
  let started = () => {};
  let release = () => {};
  const hasStarted = new Promise<void>((resolve) => (started = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { started: () => started(), hasStarted, release: () => release(), released };
}

/** The time the queue and runners reckon in, stepped by the test: leases, back-offs, snoozes. */
function virtualClock() {
  let ms = Date.UTC(2030, 0, 1);
  return {
    now: () => new Date(ms),
    set: (at: number) => (ms = at),
    advance: (by: number) => (ms += by),
    ms: () => ms,
  };
}
type VirtualClock = ReturnType<typeof virtualClock>;

type TestQueue = ReturnType<typeof createJobQueue<typeof registry>>;

/** A runner of the test registry on `queue`, owner `w`, with what a test changes. */
function runnerFor(
  queue: TestQueue,
  options: Partial<Omit<Parameters<typeof createJobRunner<typeof registry>>[0], 'queue'>> = {},
) {
  return createJobRunner({ queue, registry, handlers, owner: 'w', log, ...options });
}

function runnerOn(connection: Connection, owner: string, clock?: VirtualClock) {
  return createJobRunner({
    queue: createJobQueue(connection, registry),
    registry,
    handlers,
    owner,
    log,
    pollMs: 20,
    ...(clock === undefined ? {} : { clock: clock.now }),
  });
}

/** A logger whose JSON lines the test reads. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { log: createLogger('info', 'jobs', sink, 'json'), lines };
}

/** A queue that counts the renewals its runner asks for. */
function countingRenewals(connection: Connection) {
  const queue = createJobQueue(connection, registry);
  let renewals = 0;
  const renew: typeof queue.renew = (...args) => {
    renewals += 1;
    return queue.renew(...args);
  };
  return { queue: { ...queue, renew }, renewals: () => renewals };
}

/** A queue that records each job it tells `onFailed` of (id and reason). */
function queueTellingFailures() {
  const told: { id: string; error: string }[] = [];
  const queue = createJobQueue(db.connection, registry, {
    onFailed: async (job, error) => {
      await Promise.resolve();
      told.push({ id: job._id.toHexString(), error });
    },
  });
  return { queue, told };
}

beforeAll(async () => {
  db = await openTestDatabase('jobs');
  await prepareDatabase(db.connection);
  for (let i = 0; i < 3; i++) {
    extra.push(await connectDatabase({ uri: inject('mongoUri'), dbName: db.connection.name, log }));
  }
});
afterAll(async () => {
  await Promise.all(extra.map((connection) => connection.close()));
  await db.drop();
});
beforeEach(async () => {
  runs = [];
  slow = gate();
  slowSignal = null;
  await jobModel(db.connection).deleteMany({});
});

describe('job queue', () => {
  it('validates payloads against the kind schema on enqueue and writes nothing when invalid', async () => {
    const queue = createJobQueue(db.connection, registry);
    await expect(
      queue.enqueue('test.count', { n: 'x' } as unknown as { n: number }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await jobModel(db.connection).countDocuments()).toBe(0);
  });

  it('four workers on four connections run each of 40 jobs exactly once', async () => {
    const queue = createJobQueue(db.connection, registry);
    const ids = [];
    for (let n = 0; n < 40; n++) {
      ids.push((await queue.enqueue('test.count', { n }))._id.toHexString());
    }
    const runners = [db.connection, ...extra].map((c, i) => runnerOn(c, `worker-${i}`));
    await Promise.all(
      runners.map(async (runner) => {
        while (await runner.runOnce()) {
          // drain
        }
      }),
    );
    expect([...runs].sort()).toEqual([...ids].sort());
    const done = await jobModel(db.connection).find({ status: 'done' }).lean().exec();
    expect(done).toHaveLength(40);
    for (const job of done) {
      expect(job.attempts).toBe(1);
      expect(job.result).toEqual({ doubled: (job.payload as { n: number }).n * 2 });
    }
  });

  it('a lease that expires (its worker was killed) is taken over; the dead owner can no longer finish it', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.count', { n: 1 }, { now: clock.now() });
    const jobId = job._id.toHexString();
    const leased = await queue.leaseNext(['test.count'], 'killed-worker', 100, clock.now());
    expect(leased?._id.toHexString()).toBe(jobId);
    // While the lease lives, nobody else gets the job: not even 1 ms before it ends.
    clock.advance(99);
    expect(await queue.leaseNext(['test.count'], 'other', 100, clock.now())).toBeNull();
    clock.advance(1);
    expect(await runnerOn(extra[0] as Connection, 'survivor', clock).runOnce()).toBe(true);
    expect(runs).toEqual([jobId]);
    const after = await queue.get(jobId);
    expect(after?.status).toBe('done');
    expect(after?.attempts).toBe(2);
    expect(await queue.complete(jobId, 'killed-worker', null, clock.now())).toBe(false);
    expect(await queue.renew(jobId, 'killed-worker', 1_000, clock.now())).toBe(false);
  });

  it('renews the lease while a long handler runs, so no one takes the job over', async () => {
    const clock = virtualClock();
    const start = clock.ms();
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.slow', {}, { now: clock.now() });
    const jobId = job._id.toHexString();
    const running = runnerOn(db.connection, 'slow-worker', clock).runOnce();
    await slow.hasStarted;
    // Time moves in steps shorter than the kind's 300 ms lease; after each, a renewal (every
    // 100 ms of real time) pushes the lease to 300 ms past the new moment.
    for (let step = 0; step < 6; step++) {
      clock.advance(200);
      await vi.waitFor(
        async () =>
          expect((await queue.get(jobId))?.leaseExpiresAt?.getTime()).toBe(clock.ms() + 300),
        { timeout: 30_000, interval: 10 },
      );
    }
    // 1.2 s on: past the first lease (1 s) and four times the kind's lease; the thief gets nothing.
    expect(clock.ms() - start).toBe(1_200);
    expect(await queue.leaseNext(['test.slow'], 'thief', 300, clock.now())).toBeNull();
    slow.release();
    await running;
    expect(runs).toEqual([jobId]);
    expect((await queue.get(jobId))?.status).toBe('done');
  });

  it('a failing handler is retried with growing back-off, then failed after maxAttempts', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.flaky', { n: 1 }, { now: clock.now() });
    const jobId = job._id.toHexString();
    const runner = runnerOn(db.connection, 'w', clock);
    expect(await runner.runOnce()).toBe(true);
    let stored = await queue.get(jobId);
    expect(stored?.status).toBe('queued');
    expect(stored?.error).toBe('the handler broke');
    expect((stored?.runAfter.getTime() ?? 0) - clock.ms()).toBe(50);
    // Not due a moment before its back-off ends; due at its end.
    clock.set((stored?.runAfter.getTime() ?? 0) - 1);
    expect(await runner.runOnce()).toBe(false);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(true);
    stored = await queue.get(jobId);
    expect((stored?.runAfter.getTime() ?? 0) - clock.ms()).toBe(100);
    clock.set(stored?.runAfter.getTime() ?? 0);
    expect(await runner.runOnce()).toBe(true);
    stored = await queue.get(jobId);
    expect(stored?.status).toBe('failed');
    expect(stored?.attempts).toBe(3);
    expect(runs).toHaveLength(3);
    clock.advance(60_000);
    expect(await runner.runOnce()).toBe(false);
  });

  it('a job that fails for good runs once, tells onFailed, and its log line says why', async () => {
    const told: { kind: string; error: string }[] = [];
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const queue = createJobQueue(db.connection, registry, {
      onFailed: async (job, error) => {
        await Promise.resolve();
        told.push({ kind: job.kind, error });
      },
    });
    const job = await queue.enqueue('test.broken', { n: 1 });
    const runner = createJobRunner({
      queue,
      registry,
      handlers,
      owner: 'w',
      log: createLogger('info', 'jobs', sink, 'json'),
    });
    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(false);
    expect(await queue.get(job._id.toHexString())).toMatchObject({ status: 'failed', attempts: 1 });
    expect(told).toEqual([{ kind: 'test.broken', error: 'checkpoint gone-alice does not exist' }]);
    const ran = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(ran.find((entry) => entry.msg === 'job ran')).toMatchObject({
      status: 'failed',
      error: 'checkpoint gone-alice does not exist',
    });
  });

  it('a handler meeting a record id it did not create fails its job for good, with the reason', async () => {
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.taken', {});
    const runner = runnerOn(db.connection, 'w');
    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(false);
    expect(await queue.get(job._id.toHexString())).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringContaining('r1-selfplay-000000') as unknown,
    });
    expect(runs).toHaveLength(1);
  });

  it('a job whose workers keep dying is failed after maxAttempts takeovers, not run again', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.count', { n: 1 }, { now: clock.now() });
    for (let i = 0; i < 3; i++) {
      expect(await queue.leaseNext(['test.count'], `dies-${i}`, 10, clock.now())).not.toBeNull();
      clock.advance(10);
    }
    expect(await queue.leaseNext(['test.count'], 'next', 10, clock.now())).toBeNull();
    const stored = await queue.get(job._id.toHexString());
    expect(stored?.status).toBe('failed');
    expect(stored?.error).toMatch(/lease lost 3 times/);
  });

  it('a snoozing job runs again after its delay, more often than maxAttempts, then ends done', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const job = await queue.enqueue('test.snooze', { times: 3 }, { now: clock.now() });
    const jobId = job._id.toHexString();
    const runner = runnerOn(db.connection, 'snoozer', clock);
    expect(await runner.runOnce()).toBe(true);
    const snoozed = await queue.get(jobId);
    expect(snoozed).toMatchObject({
      status: 'queued',
      attempts: 0,
      owner: null,
      result: { ran: 1 },
    });
    // Not due before its 30 ms delay; due at it, three times over.
    clock.advance(29);
    expect(await runner.runOnce()).toBe(false);
    for (let i = 0; i < 3; i++) {
      clock.advance(i === 0 ? 1 : 30);
      expect(await runner.runOnce()).toBe(true);
    }
    expect(await queue.get(jobId)).toMatchObject({ status: 'done', result: { ran: 4 } });
    expect(runs).toEqual([jobId, jobId, jobId, jobId]);
    expect(await jobModel(db.connection).countDocuments()).toBe(1);
  });

  it('the loop runs jobs until stopped', async () => {
    const queue = createJobQueue(db.connection, registry);
    const runner = runnerOn(db.connection, 'looper');
    runner.start();
    const job = await queue.enqueue('test.count', { n: 2 });
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 30_000, interval: 20 });
    await runner.stop();
    expect(runs).toEqual([job._id.toHexString()]);
  });
});

describe('handlers', () => {
  it('a runner refuses to start when a kind has no handler', () => {
    const partial: Partial<typeof handlers> = { ...handlers };
    delete partial['test.slow'];
    expect(() =>
      createJobRunner({
        queue: createJobQueue(db.connection, registry),
        registry,
        handlers: partial as JobHandlers<typeof registry>,
        owner: 'w',
        log,
      }),
    ).toThrow(/No handler for job kind\(s\): test.slow/);
  });
});

describe('job queue: who may change a job, and in which order jobs go out', () => {
  it('names the kind when a payload is invalid', async () => {
    const queue = createJobQueue(db.connection, registry);
    await expect(queue.enqueue('test.count', { n: 1.5 })).rejects.toThrow(
      'Invalid payload for job kind test.count.',
    );
  });

  it('leases the job due first, then the one enqueued first among equally due jobs', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const at = clock.now();
    const later = await queue.enqueue(
      'test.count',
      { n: 1 },
      { runAfter: new Date(clock.ms() + 10), now: at },
    );
    const first = await queue.enqueue('test.count', { n: 2 }, { now: at });
    const second = await queue.enqueue('test.count', { n: 3 }, { now: at });
    clock.advance(10);
    const order = [];
    for (let i = 0; i < 3; i++) {
      order.push(
        (await queue.leaseNext(['test.count'], 'w', 1_000, clock.now()))?._id.toHexString(),
      );
    }
    expect(order).toEqual([first, second, later].map((job) => job._id.toHexString()));
  });

  it('retries, snoozes and fails only a job its caller holds, and says whether it did', async () => {
    const clock = virtualClock();
    const { queue, told } = queueTellingFailures();
    const bystander = await queue.enqueue('test.count', { n: 0 }, { now: clock.now() });
    const job = await queue.enqueue(
      'test.count',
      { n: 1 },
      { runAfter: new Date(clock.ms() + 1), now: clock.now() },
    );
    const jobId = job._id.toHexString();
    clock.advance(1);
    // The bystander is due first: lease it to someone else, then the job to 'holder'.
    expect(
      (await queue.leaseNext(['test.count'], 'other', 1_000, clock.now()))?._id.toHexString(),
    ).toBe(bystander._id.toHexString());
    expect(
      (await queue.leaseNext(['test.count'], 'holder', 1_000, clock.now()))?._id.toHexString(),
    ).toBe(jobId);
    const held = await queue.get(jobId);
    const bystanderHeld = await queue.get(bystander._id.toHexString());

    expect(await queue.fail(jobId, 'stranger', 'no', { now: clock.now() })).toBe(false);
    expect(await queue.snooze(jobId, 'stranger', clock.now(), null, clock.now())).toBe(false);
    expect(await queue.fail(jobId, 'stranger', 'no', { permanent: true, now: clock.now() })).toBe(
      false,
    );
    expect(await queue.get(jobId)).toEqual(held);

    expect(await queue.fail(jobId, 'holder', 'try again', { now: clock.now() })).toBe(true);
    expect(await queue.get(jobId)).toMatchObject({
      status: 'queued',
      owner: null,
      error: 'try again',
    });
    clock.advance(10);
    expect(await queue.leaseNext(['test.count'], 'holder', 1_000, clock.now())).not.toBeNull();
    expect(await queue.snooze(jobId, 'holder', clock.now(), { half: true }, clock.now())).toBe(
      true,
    );
    expect(await queue.get(jobId)).toMatchObject({
      status: 'queued',
      attempts: 0,
      result: { half: true },
    });
    // Neither call touched the other worker's job, nor told anyone of a failure.
    expect(bystanderHeld).toMatchObject({ status: 'leased', owner: 'other', attempts: 1 });
    expect(await queue.get(bystander._id.toHexString())).toEqual(bystanderHeld);
    expect(told).toEqual([]);
  });

  it('fails a job for good on its own last attempt, whatever the attempts of other jobs', async () => {
    const clock = virtualClock();
    const { queue, told } = queueTellingFailures();
    await queue.enqueue('test.count', { n: 0 }, { now: clock.now() });
    expect(await queue.leaseNext(['test.count'], 'other', 60_000, clock.now())).not.toBeNull();
    const job = await queue.enqueue('test.count', { n: 1 }, { now: clock.now() });
    const jobId = job._id.toHexString();
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      clock.advance(1_000); // past any back-off
      expect(
        (await queue.leaseNext(['test.count'], 'holder', 1_000, clock.now()))?._id.toHexString(),
      ).toBe(jobId);
      expect(await queue.fail(jobId, 'holder', `attempt ${attempt}`, { now: clock.now() })).toBe(
        true,
      );
      outcomes.push((await queue.get(jobId))?.status ?? 'gone');
    }
    expect(outcomes).toEqual(['queued', 'queued', 'failed']);
    expect(told).toEqual([{ id: jobId, error: 'attempt 3' }]);
  });

  it('tells onFailed once when a job is failed for running out of takeovers', async () => {
    const clock = virtualClock();
    const { queue, told } = queueTellingFailures();
    const job = await queue.enqueue('test.count', { n: 1 }, { now: clock.now() });
    for (let i = 0; i < 3; i++) {
      expect(await queue.leaseNext(['test.count'], `dies-${i}`, 10, clock.now())).not.toBeNull();
      clock.advance(10);
    }
    expect(await queue.leaseNext(['test.count'], 'next', 10, clock.now())).toBeNull();
    expect(told).toEqual([
      { id: job._id.toHexString(), error: 'lease lost 3 times (worker crashed or stalled)' },
    ]);
  });
});

describe('job runner', () => {
  it('fails a stored job whose payload no longer fits its kind, without running it', async () => {
    const clock = virtualClock();
    const queue = createJobQueue(db.connection, registry);
    const written = await jobModel(db.connection).create({
      kind: 'test.count',
      payload: { n: 'seven' },
      status: 'queued',
      attempts: 0,
      maxAttempts: 3,
      owner: null,
      leaseExpiresAt: null,
      runAfter: clock.now(),
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect(await runnerOn(db.connection, 'w', clock).runOnce()).toBe(true);
    expect(runs).toEqual([]);
    const stored = await queue.get(written._id.toHexString());
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored?.error).toMatch(/^invalid payload: /);
  });

  it('first leases a job for the longest lease of its kinds (at least a second)', async () => {
    const clock = virtualClock();
    const long = {
      'test.slow': { ...registry['test.slow'], leaseMs: 4_000 },
    } satisfies JobRegistry;
    const queue = createJobQueue(db.connection, long);
    const job = await queue.enqueue('test.slow', {}, { now: clock.now() });
    const runner = createJobRunner({
      queue,
      registry: long,
      handlers: { 'test.slow': handlers['test.slow'] },
      owner: 'w',
      log,
      clock: clock.now,
    });
    const running = runner.runOnce();
    await slow.hasStarted;
    expect((await queue.get(job._id.toHexString()))?.leaseExpiresAt?.getTime()).toBe(
      clock.ms() + 4_000,
    );
    slow.release();
    expect(await running).toBe(true);
  });

  it('renews every third of the lease while a handler runs, and stops renewing when it ends', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const clock = virtualClock();
      const { queue, renewals } = countingRenewals(db.connection);
      await queue.enqueue('test.slow', {}, { now: clock.now() });
      const runner = runnerFor(queue, { clock: clock.now });
      const running = runner.runOnce();
      await slow.hasStarted;
      vi.advanceTimersByTime(99); // test.slow's lease is 300 ms
      expect(renewals()).toBe(0);
      vi.advanceTimersByTime(1);
      expect(renewals()).toBe(1);
      vi.advanceTimersByTime(200);
      expect(renewals()).toBe(3);
      slow.release();
      await running;
      vi.advanceTimersByTime(3_000);
      expect(renewals()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a lease taken over while its handler runs aborts the handler and drops its outcome', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const clock = virtualClock();
      const { log: captured, lines } = capturedLog();
      const queue = createJobQueue(db.connection, registry);
      const job = await queue.enqueue('test.slow', {}, { now: clock.now() });
      const jobId = job._id.toHexString();
      const runner = runnerFor(queue, { log: captured, clock: clock.now });
      const running = runner.runOnce();
      await slow.hasStarted;
      expect(slowSignal?.aborted).toBe(false);
      // Another worker holds it now (as after an expiry and a takeover).
      await jobModel(db.connection)
        .updateOne({ _id: jobId }, { $set: { owner: 'thief' } })
        .exec();
      vi.advanceTimersByTime(100);
      await vi.waitFor(() => expect(slowSignal?.aborted).toBe(true), {
        timeout: 30_000,
        interval: 10,
      });
      expect((slowSignal?.reason as Error).message).toBe('lease lost');
      slow.release();
      expect(await running).toBe(true);
      expect(await queue.get(jobId)).toMatchObject({ status: 'leased', owner: 'thief' });
      expect(lines.map((line) => line.msg)).toEqual(['lease lost while running; outcome dropped']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs why a job will be retried', async () => {
    const { log: captured, lines } = capturedLog();
    const queue = createJobQueue(db.connection, registry);
    await queue.enqueue('test.flaky', { n: 1 });
    const runner = runnerFor(queue, { log: captured });
    expect(await runner.runOnce()).toBe(true);
    expect(lines.find((line) => line.msg === 'job ran')).toMatchObject({
      status: 'retry',
      error: 'the handler broke',
      recorded: true,
    });
  });

  it('polls again at once after a job, waits pollMs after an empty poll, and stop ends a wait', async () => {
    const waits: number[] = [];
    let endWait = () => {};
    const queue = createJobQueue(db.connection, registry);
    const runner = runnerFor(queue, {
      pollMs: 20,
      wait: (ms, signal) =>
        new Promise<void>((resolve) => {
          waits.push(ms);
          endWait = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    });
    runner.start();
    await vi.waitFor(() => expect(waits).toEqual([20]), { timeout: 30_000, interval: 10 });
    await queue.enqueue('test.count', { n: 1 });
    await queue.enqueue('test.count', { n: 2 });
    endWait();
    // Both jobs run back to back; the runner waits only once the queue is empty again.
    await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 30_000, interval: 10 });
    await vi.waitFor(() => expect(waits).toEqual([20, 20]), { timeout: 30_000, interval: 10 });
    await runner.stop();
    expect(runs).toHaveLength(2);
  });

  it('stop aborts the running handler (with the reason) and ends a long wait between polls', async () => {
    const queue = createJobQueue(db.connection, registry);
    const runner = runnerFor(queue, { pollMs: 3_600_000 });
    await queue.enqueue('test.slow', {});
    runner.start();
    await slow.hasStarted;
    const stopped = runner.stop();
    expect(slowSignal?.aborted).toBe(true);
    expect((slowSignal?.reason as Error).message).toBe('worker stopping');
    slow.release();
    await stopped; // the loop ends although its next wait would be an hour

    // An idle runner, stopped while it waits an hour for its next poll.
    let polled = () => {};
    const emptyPoll = new Promise<void>((resolve) => (polled = resolve));
    const leaseNext: typeof queue.leaseNext = async (...args) => {
      const job = await queue.leaseNext(...args);
      polled();
      return job;
    };
    const idle = runnerFor({ ...queue, leaseNext }, { owner: 'idle', pollMs: 3_600_000 });
    idle.start();
    await emptyPoll;
    await new Promise((resolve) => setImmediate(resolve)); // one turn: the loop is in its wait
    await idle.stop();
  });
});
