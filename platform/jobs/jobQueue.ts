import type { Connection } from 'mongoose';
import { ValidationError } from '../errors';
import { jobModel, type Job } from './jobModel';
import type { JobRegistry, PayloadOf } from './jobRegistry';

const maxBackoffMs = 3_600_000;

export interface JobQueueOptions {
  /**
   * Told of every job that ends `failed` (permanent, out of attempts, or its lease lost too
   * often), after the write: the work the job stood for is stuck until someone acts.
   */
  onFailed?: (job: Job, error: string) => Promise<void>;
}

/**
 * The job queue in MongoDB. `leaseNext` is one atomic findOneAndUpdate (a queued job that is
 * due, or a leased one whose lease expired — its worker died); `renew`, `complete` and `fail`
 * are compare-and-set writes on the owner, so they report false once the lease is lost.
 */
export function createJobQueue<R extends JobRegistry>(
  connection: Connection,
  registry: R,
  options: JobQueueOptions = {},
) {
  const jobs = jobModel(connection);

  function specOf(kind: string) {
    const spec = registry[kind];
    if (spec === undefined) {
      throw new ValidationError(`Unknown job kind ${kind}.`);
    }
    return spec;
  }

  async function enqueue<K extends keyof R & string>(
    kind: K,
    payload: PayloadOf<R, K>,
    options: { runAfter?: Date; now?: Date } = {},
  ): Promise<Job> {
    const spec = specOf(kind);
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      throw new ValidationError(`Invalid payload for job kind ${kind}.`, parsed.error.issues);
    }
    const now = options.now ?? new Date();
    const created = await jobs.create({
      kind,
      payload: parsed.data,
      status: 'queued',
      attempts: 0,
      maxAttempts: spec.maxAttempts,
      owner: null,
      leaseExpiresAt: null,
      runAfter: options.runAfter ?? now,
      createdAt: now,
      updatedAt: now,
    });
    return created.toObject();
  }

  /**
   * Leases the next due job of these kinds to `owner`. A takeover of an expired lease counts
   * as an attempt; a job that has used all its attempts that way is failed, not run again.
   */
  async function leaseNext(
    kinds: readonly string[],
    owner: string,
    leaseMs: number,
    now = new Date(),
  ): Promise<Job | null> {
    for (;;) {
      const job = await jobs
        .findOneAndUpdate(
          {
            kind: { $in: kinds },
            $or: [
              { status: 'queued', runAfter: { $lte: now } },
              { status: 'leased', leaseExpiresAt: { $lte: now } },
            ],
          },
          {
            $set: {
              status: 'leased',
              owner,
              leaseExpiresAt: new Date(now.getTime() + leaseMs),
              startedAt: now,
              updatedAt: now,
            },
            $inc: { attempts: 1 },
          },
          { sort: { runAfter: 1, _id: 1 }, new: true },
        )
        .lean<Job>()
        .exec();
      if (job === null || job.attempts <= job.maxAttempts) {
        return job;
      }
      const error = `lease lost ${job.maxAttempts} times (worker crashed or stalled)`;
      if (
        await finish(job._id.toHexString(), owner, { status: 'failed', error, finishedAt: now })
      ) {
        await options.onFailed?.(job, error);
      }
    }
  }

  async function renew(jobId: string, owner: string, leaseMs: number, now = new Date()) {
    const written = await jobs.updateOne(
      { _id: jobId, status: 'leased', owner, leaseExpiresAt: { $gt: now } },
      { $set: { leaseExpiresAt: new Date(now.getTime() + leaseMs), updatedAt: now } },
    );
    return written.modifiedCount === 1;
  }

  async function complete(jobId: string, owner: string, result: unknown, now = new Date()) {
    return finish(jobId, owner, { status: 'done', result: result ?? null, finishedAt: now });
  }

  /** Retries after a back-off, or fails for good when permanent or out of attempts. */
  async function fail(
    jobId: string,
    owner: string,
    error: string,
    how: { permanent?: boolean; now?: Date } = {},
  ): Promise<boolean> {
    const now = how.now ?? new Date();
    const job = await jobs.findOne({ _id: jobId, status: 'leased', owner }).lean<Job>().exec();
    if (job === null) {
      return false;
    }
    if (how.permanent === true || job.attempts >= job.maxAttempts) {
      const failed = await finish(jobId, owner, { status: 'failed', error, finishedAt: now });
      if (failed) {
        await options.onFailed?.(job, error);
      }
      return failed;
    }
    const delay = Math.min(maxBackoffMs, specOf(job.kind).backoffMs * 2 ** (job.attempts - 1));
    const written = await jobs.updateOne(
      { _id: jobId, status: 'leased', owner },
      {
        $set: {
          status: 'queued',
          owner: null,
          leaseExpiresAt: null,
          runAfter: new Date(now.getTime() + delay),
          error,
          updatedAt: now,
        },
      },
    );
    return written.modifiedCount === 1;
  }

  /** Back to `queued` after `runAfter`, attempts reset: the attempt did what it had to. */
  async function snooze(
    jobId: string,
    owner: string,
    runAfter: Date,
    result: unknown,
    now = new Date(),
  ): Promise<boolean> {
    const written = await jobs.updateOne(
      { _id: jobId, status: 'leased', owner },
      {
        $set: {
          status: 'queued',
          owner: null,
          leaseExpiresAt: null,
          attempts: 0,
          runAfter,
          result: result ?? null,
          error: null,
          updatedAt: now,
        },
      },
    );
    return written.modifiedCount === 1;
  }

  async function finish(
    jobId: string,
    owner: string,
    fields: { status: 'done' | 'failed'; result?: unknown; error?: string; finishedAt: Date },
  ): Promise<boolean> {
    const written = await jobs.updateOne(
      { _id: jobId, status: 'leased', owner },
      { $set: { ...fields, owner: null, leaseExpiresAt: null, updatedAt: fields.finishedAt } },
    );
    return written.modifiedCount === 1;
  }

  async function get(jobId: string): Promise<Job | null> {
    return jobs.findById(jobId).lean<Job>().exec();
  }

  return { enqueue, leaseNext, renew, complete, fail, snooze, get };
}

export type JobQueue<R extends JobRegistry> = ReturnType<typeof createJobQueue<R>>;
