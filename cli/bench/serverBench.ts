import os from 'node:os';
import type { Connection } from 'mongoose';
import { generateCorpus } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { hashPassword } from '../../platform/auth/passwords';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import {
  createTasks,
  earlyAliceCut,
  taskFromRecord,
  type AliceSpec,
  type NewTask,
} from '../../platform/tasks/createTasks';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { userModel } from '../../platform/users/userModel';
import { signIn, startBenchPlatform } from './benchPlatform';
import { sampleProcess, type ProcessUsage } from './processSampler';
import { quantile } from './quantile';
import { emptyTally, runSimulatedAnnotator, type AnnotatorTally } from './simulatedAnnotator';

export interface ServerBenchOptions {
  annotators: number;
  durationS: number;
  /** A simulated human's time before each act (±50 %). */
  thinkMs: number;
  /** Annotators join evenly over this many seconds (crowds arrive, they do not all click at once). */
  rampUpS: number;
  alice: 'astra' | 'scripted';
  config: Config;
  log: Logger;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ServerBenchResult {
  annotators: number;
  durationS: number;
  thinkMs: number;
  rampUpS: number;
  alice: string;
  tasks: number;
  sessionsCompleted: number;
  acts: number;
  actsPerSecond: number;
  actToReplyMs: LatencySummary;
  claimMs: LatencySummary;
  errors: Record<string, number>;
  server: ProcessUsage;
  /** The embedded database's process, and this process (the simulated annotators). */
  database: ProcessUsage | null;
  loadGeneratorCpuPercent: number;
  checks: {
    ackedActs: number;
    ackedActsMissing: number;
    tasksOverLeased: number;
    workersTwiceOnATask: number;
    passed: boolean;
  };
}

const benchPassword = 'bench-annotator-password';

/**
 * `parley bench server`: a private database and a real server process (as `parley start` runs
 * it, without workers), N simulated crowd workers on real Socket.IO connections playing full
 * dialogues against the live Alice, then the database is checked: every acknowledged act is
 * stored and no task slot was leased twice.
 */
export async function benchServer(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const { log } = options;
  const platform = await startBenchPlatform(options.config, log);
  try {
    const { connection } = platform;
    const usernames = await seedAnnotators(connection, options.annotators);
    const tasks = await seedTasks(connection, taskCount(options), options.alice);
    log.info({ annotators: usernames.length, tasks }, 'seeded');
    const { baseUrl, pid } = await platform.startServer();
    const cookies = await signIn(baseUrl, usernames, benchPassword);
    log.info({ annotators: cookies.length }, 'signed in; starting the load');

    const usage = sampleProcess(pid);
    const databaseUsage =
      platform.databasePid === null ? null : sampleProcess(platform.databasePid);
    const ownCpu = process.cpuUsage();
    const startedAt = performance.now();
    const deadline = Date.now() + options.durationS * 1000;
    const tallies = await Promise.all(
      cookies.map(async (cookie, index) => {
        await new Promise((resolve) =>
          setTimeout(resolve, (index / cookies.length) * options.rampUpS * 1000),
        );
        return runSimulatedAnnotator({
          baseUrl,
          cookie,
          deadline,
          thinkMs: options.thinkMs,
          seed: index + 1,
        }).catch((error: unknown): AnnotatorTally => {
          log.warn({ err: error }, 'an annotator failed');
          return { ...emptyTally(), errors: { annotator_failed: 1 } };
        });
      }),
    );
    const elapsedS = (performance.now() - startedAt) / 1000;
    const serverUsage = usage.stop();
    const database = databaseUsage?.stop() ?? null;
    const own = process.cpuUsage(ownCpu);
    const loadGeneratorCpuPercent = ((own.user + own.system) / 1e6 / elapsedS) * 100;
    const workerIds = await userIds(connection, usernames);
    const checks = await verify(connection, tallies, workerIds);
    return {
      ...summarise(options, tasks, tallies, elapsedS, serverUsage, checks),
      database,
      loadGeneratorCpuPercent,
    };
  } finally {
    await platform.close();
  }
}

/** Enough tasks that nobody runs dry: one per expected session, with a margin. */
function taskCount(options: ServerBenchOptions): number {
  const sessionMs = Math.max(6 * options.thinkMs, 200);
  const perAnnotator = Math.ceil((options.durationS * 1000) / sessionMs) + 2;
  return Math.min(50_000, options.annotators * perAnnotator);
}

/** Bench accounts share one password hash: hashing hundreds with argon2 would take a minute. */
async function seedAnnotators(connection: Connection, count: number): Promise<string[]> {
  const passwordHash = await hashPassword(benchPassword);
  const usernames = Array.from({ length: count }, (_, i) => `bench-annotator-${i + 1}`);
  await userModel(connection).insertMany(
    usernames.map((username) => ({ username, passwordHash, roles: ['worker'] })),
  );
  return usernames;
}

async function userIds(connection: Connection, usernames: string[]): Promise<Map<string, string>> {
  const users = await userModel(connection)
    .find({ username: { $in: usernames } }, { username: 1 })
    .lean();
  return new Map(users.map((u) => [u.username, u._id.toHexString()]));
}

/** Tasks cut from synthetic dialogues after an Alice act that leaves the dialogue open. */
async function seedTasks(
  connection: Connection,
  count: number,
  aliceKind: 'astra' | 'scripted',
): Promise<number> {
  const alice: AliceSpec =
    aliceKind === 'astra'
      ? { kind: 'astra', name: 'astra' }
      : { kind: 'scripted', name: 'boulware' };
  const tasks: NewTask[] = [];
  const corpus = generateCorpus({
    domain: getDomain('dealornodeal'),
    dialogues: count * 2,
    seed: 'bench-server',
    population: parsePopulation('boulware:1,conceder:1,fair:1'),
  });
  for (const record of corpus) {
    if (tasks.length >= count) {
      break;
    }
    const cutAt = earlyAliceCut(record);
    if (cutAt < 0) {
      continue;
    }
    tasks.push(
      taskFromRecord(record, {
        cutAt,
        novelty: -tasks.length,
        redundancy: 1,
        alice,
        models: { alice: `bench:${alice.name}`, bob: 'bench:none' },
      }),
    );
  }
  for (let from = 0; from < tasks.length; from += 1000) {
    await createTasks(connection, tasks.slice(from, from + 1000));
  }
  return tasks.length;
}

/** Every acknowledged act stored; no slot leased twice; no worker twice on one task. */
async function verify(
  connection: Connection,
  tallies: AnnotatorTally[],
  workerIds: Map<string, string>,
): Promise<ServerBenchResult['checks']> {
  const annotations = await annotationModel(connection)
    .find({}, { taskId: 1, workerId: 1, bobSeqs: 1 })
    .lean<Pick<Annotation, 'taskId' | 'workerId' | 'bobSeqs'>[]>();
  const stored = new Set<string>();
  for (const annotation of annotations) {
    for (const seq of annotation.bobSeqs) {
      stored.add(`${annotation.taskId}:${annotation.workerId}:${seq}`);
    }
  }
  let ackedActs = 0;
  let ackedActsMissing = 0;
  tallies.forEach((tally, index) => {
    const workerId = workerIds.get(`bench-annotator-${index + 1}`);
    for (const { taskId, seq } of tally.acked) {
      ackedActs += 1;
      if (!stored.has(`${taskId}:${workerId}:${seq}`)) {
        ackedActsMissing += 1;
      }
    }
  });
  const tasks = await taskModel(connection)
    .find({}, { redundancy: 1, leases: 1, workerIds: 1 })
    .lean<Pick<Task, 'redundancy' | 'leases' | 'workerIds'>[]>();
  let tasksOverLeased = 0;
  let workersTwiceOnATask = 0;
  for (const task of tasks) {
    const holding = task.leases.filter((l) => l.status === 'active' || l.status === 'completed');
    if (holding.length > task.redundancy) {
      tasksOverLeased += 1;
    }
    const leaseWorkers = task.leases.map((l) => l.workerId);
    if (new Set(leaseWorkers).size !== leaseWorkers.length) {
      workersTwiceOnATask += 1;
    }
  }
  return {
    ackedActs,
    ackedActsMissing,
    tasksOverLeased,
    workersTwiceOnATask,
    passed: ackedActsMissing === 0 && tasksOverLeased === 0 && workersTwiceOnATask === 0,
  };
}

function latency(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  };
}

function summarise(
  options: ServerBenchOptions,
  tasks: number,
  tallies: AnnotatorTally[],
  elapsedS: number,
  server: ProcessUsage,
  checks: ServerBenchResult['checks'],
): Omit<ServerBenchResult, 'database' | 'loadGeneratorCpuPercent'> {
  const errors: Record<string, number> = {};
  for (const tally of tallies) {
    for (const [code, n] of Object.entries(tally.errors)) {
      errors[code] = (errors[code] ?? 0) + n;
    }
  }
  const acts = tallies.reduce((sum, t) => sum + t.acts, 0);
  return {
    annotators: options.annotators,
    durationS: options.durationS,
    thinkMs: options.thinkMs,
    rampUpS: options.rampUpS,
    alice: options.alice,
    tasks,
    sessionsCompleted: tallies.reduce((sum, t) => sum + t.sessionsCompleted, 0),
    acts,
    actsPerSecond: acts / elapsedS,
    actToReplyMs: latency(tallies.flatMap((t) => t.replyLatenciesMs)),
    claimMs: latency(tallies.flatMap((t) => t.claimLatenciesMs)),
    errors,
    server,
    checks,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export function formatServerBench(r: ServerBenchResult): string {
  const errors = Object.entries(r.errors);
  return [
    `${r.annotators} simulated annotators for ${r.durationS} s (joining over ${r.rampUpS} s; think ${r.thinkMs} ms ±50 % per act; Alice: ${r.alice}; ${r.tasks} tasks)`,
    `  sessions completed   ${r.sessionsCompleted}`,
    `  Bob acts             ${r.acts}  (${r.actsPerSecond.toFixed(1)} acts/s, each answered by Alice unless it ended the dialogue)`,
    `  act → Alice reply    p50 ${ms(r.actToReplyMs.p50)}  p95 ${ms(r.actToReplyMs.p95)}  p99 ${ms(r.actToReplyMs.p99)}  max ${ms(r.actToReplyMs.max)}  (n = ${r.actToReplyMs.count})`,
    `  claim                p50 ${ms(r.claimMs.p50)}  p95 ${ms(r.claimMs.p95)}  p99 ${ms(r.claimMs.p99)}  max ${ms(r.claimMs.max)}  (n = ${r.claimMs.count})`,
    `  errors               ${errors.length === 0 ? 'none' : errors.map(([c, n]) => `${c} × ${n}`).join(', ')}`,
    `  server process       peak RSS ${r.server.peakRssMiB.toFixed(0)} MiB, CPU mean ${r.server.meanCpuPercent.toFixed(0)} % / peak ${r.server.peakCpuPercent.toFixed(0)} % of one core`,
    `  database process     ${r.database === null ? 'external' : `peak RSS ${r.database.peakRssMiB.toFixed(0)} MiB, CPU mean ${r.database.meanCpuPercent.toFixed(0)} % of one core`};  load generator (this process) CPU ${r.loadGeneratorCpuPercent.toFixed(0)} % — all on the same ${os.cpus().length} cores`,
    `  checks               ${r.checks.ackedActs} acknowledged acts, ${r.checks.ackedActsMissing} missing; ${r.checks.tasksOverLeased} tasks over-leased; ${r.checks.workersTwiceOnATask} with a worker twice → ${r.checks.passed ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

/** The first annotator count whose p95 act → reply latency exceeds 250 ms, or null. */
export function kneeOf(results: readonly ServerBenchResult[]): number | null {
  const sorted = [...results].sort((a, b) => a.annotators - b.annotators);
  return sorted.find((r) => r.actToReplyMs.p95 > 250)?.annotators ?? null;
}
