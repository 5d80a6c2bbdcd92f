import type { Connection } from 'mongoose';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { annotationModel } from '../annotation/annotationModel';
import { jobModel, type Job } from '../jobs/jobModel';
import { taskModel } from '../tasks/taskModel';

/**
 * The server's Prometheus metrics. Latencies are observed where they happen (socket handlers,
 * Alice's replies); counts that live in the database (queue depths, job durations) are read at
 * scrape time, so every server process reports the same cluster-wide figures for them.
 */
export interface PlatformMetrics {
  registry: Registry;
  /** A socket event from receipt to ack, by event and outcome (ok or the error code). */
  socketEventSeconds: Histogram<'event' | 'outcome'>;
  /** Bob's act stored → Alice's reply stored and sent, by who played Alice. */
  aliceReplySeconds: Histogram<'agent'>;
  /** Leases that ran out before their task was finished. */
  leaseExpiries: Counter;
}

// Acts are answered in milliseconds; the buckets resolve 1 ms to 10 s.
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const jobBuckets = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export function createPlatformMetrics(deps: {
  connection: Connection;
  /** Live `/annotate` connections on this process. */
  annotateSockets: () => number;
}): PlatformMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  const tasks = taskModel(deps.connection);
  const jobs = jobModel(deps.connection);
  const annotations = annotationModel(deps.connection);

  new Gauge({
    name: 'parley_annotate_sockets',
    help: 'Open /annotate connections on this server process.',
    registers: [registry],
    collect() {
      this.set(deps.annotateSockets());
    },
  });
  new Gauge({
    name: 'parley_annotation_sessions_active',
    help: 'Annotations under way (a worker holds a live lease), cluster-wide.',
    registers: [registry],
    async collect() {
      this.set(await annotations.countDocuments({ status: 'active' }));
    },
  });
  new Gauge({
    name: 'parley_tasks_open',
    help: 'Annotation tasks with at least one free slot (the claim queue), cluster-wide.',
    registers: [registry],
    async collect() {
      this.set(await tasks.countDocuments({ openSlots: { $gt: 0 } }));
    },
  });
  new Gauge({
    name: 'parley_jobs',
    help: 'Background jobs by kind and status, cluster-wide.',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await jobs.aggregate<{ _id: { kind: string; status: string }; n: number }>([
        { $group: { _id: { kind: '$kind', status: '$status' }, n: { $sum: 1 } } },
      ]);
      for (const { _id, n } of counts) {
        this.set({ kind: _id.kind, status: _id.status }, n);
      }
    },
  });
  new Histogram({
    name: 'parley_job_duration_seconds',
    help: 'Run time of finished background jobs (self-play, ranking, training), by kind.',
    labelNames: ['kind', 'status'] as const,
    buckets: jobBuckets,
    registers: [registry],
    async collect() {
      this.reset();
      const finished = await jobs
        .find(
          {
            status: { $in: ['done', 'failed'] },
            startedAt: { $ne: null },
            finishedAt: { $ne: null },
          },
          { kind: 1, status: 1, startedAt: 1, finishedAt: 1 },
        )
        .sort({ finishedAt: -1 })
        .limit(10_000)
        .lean<Pick<Job, 'kind' | 'status' | 'startedAt' | 'finishedAt'>[]>();
      for (const job of finished) {
        if (job.startedAt && job.finishedAt) {
          this.observe(
            { kind: job.kind, status: job.status },
            (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000,
          );
        }
      }
    },
  });

  return {
    registry,
    socketEventSeconds: new Histogram({
      name: 'parley_socket_event_seconds',
      help: 'Socket event handling time, from receipt to acknowledgement.',
      labelNames: ['event', 'outcome'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    aliceReplySeconds: new Histogram({
      name: 'parley_alice_reply_seconds',
      help: "From Bob's stored act to Alice's stored and sent reply.",
      labelNames: ['agent'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    leaseExpiries: new Counter({
      name: 'parley_lease_expiries_total',
      help: 'Annotation leases that expired before the task was finished (on this process).',
      registers: [registry],
    }),
  };
}
