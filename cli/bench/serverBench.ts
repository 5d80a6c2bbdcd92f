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
import { liveAliceOf } from '../../pipeline/liveAlice';
import { signIn, startBenchPlatform } from './benchPlatform';
import { sampleProcess, type ProcessUsage } from './processSampler';
import { quantile } from './quantile';
import {
  defaultReplyTimeoutMs,
  emptyTally,
  runSimulatedAnnotator,
  type AnnotatorTally,
} from './simulatedAnnotator';

/** Who plays Alice live: ASTRA, a scripted negotiator, or a learned policy checkpoint. */
export type BenchAlice = 'astra' | 'scripted' | 'neural';

export interface ServerBenchOptions {
  annotators: number;
  durationS: number;
  /** A simulated human's time before each act (±50 %). */
  thinkMs: number;
  /** Annotators join evenly over this many seconds (crowds arrive, they do not all click at once). */
  rampUpS: number;
  alice: BenchAlice;
  config: Config;
  log: Logger;
}

export interface LatencySummary {
  /** Every measured wait, timed-out ones included. */
  count: number;
  /**
   * Waits that ended without an answer (replies only): counted in the percentiles at the wait
   * length, so they are lower bounds when there are any.
   */
  timeouts: number;
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
  /** The checkpoint that plays Alice (`--alice neural`), and how the bench made it. */
  checkpoint: BenchCheckpoint | null;
  /** Who answered Bob's acts, from the stored dialogues: `kind:name` → replies. */
  aliceReplies: Record<string, number>;
  /** How long an annotator waits for a reply before counting `alice_reply_timeout`. */
  replyTimeoutMs: number;
  tasks: number;
  sessionsCompleted: number;
  acts: number;
  actsPerSecond: number;
  actToReplyMs: LatencySummary;
  claimMs: LatencySummary;
  /** Claims that found no task: the load was lower than asked while there were any. */
  emptyClaims: number;
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

export interface BenchCheckpoint {
  version: string;
  /** How it was trained (the bootstrap of a round, at the bench's small sizes). */
  training: string;
  trainingMs: number;
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
    const checkpoint =
      options.alice === 'neural' ? await bootstrapAliceCheckpoint(connection, log) : null;
    const usernames = await seedAnnotators(connection, options.annotators);
    const alice = aliceSpecOf(options.alice, checkpoint);
    const tasks = await seedTasks(connection, taskCount(options), alice);
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
          replyTimeoutMs: defaultReplyTimeoutMs,
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
    const aliceReplies = await aliceRepliesOf(connection);
    return {
      ...summarise(options, tasks, tallies, elapsedS, serverUsage, checks),
      checkpoint,
      aliceReplies,
      database,
      loadGeneratorCpuPercent,
    };
  } finally {
    await platform.close();
  }
}

/**
 * Enough tasks that nobody runs dry: one per expected session, with a margin. A session is at
 * least three thinks (the neural Alice's dialogues are short: about 3.5 Bob acts, ASTRA's 8).
 */
function taskCount(options: ServerBenchOptions): number {
  const sessionMs = Math.max(3 * options.thinkMs, 200);
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

/** The bench's reduction of the round bootstrap: same model sizes, less data and fewer epochs. */
const benchBootstrap = { dialogues: 100, epochs: 1, seed: 1 } as const;

/**
 * The live neural Alice as a round has it: the bootstrap checkpoints of a round's first
 * self-play (pipeline/bootstrap.ts), trained into the bench's private database through the
 * checkpoint store, at the model sizes of real rounds but on a smaller corpus and one epoch.
 */
async function bootstrapAliceCheckpoint(
  connection: Connection,
  log: Logger,
): Promise<BenchCheckpoint> {
  // TensorFlow.js and the pipeline load here only.
  const [{ bootstrap }, { roundWorkDeps }, { defaultPipelineSettings }] = await Promise.all([
    import('../../pipeline/bootstrap'),
    import('../../pipeline/roundWork'),
    import('../../pipeline/pipelineSettings'),
  ]);
  const settings = {
    ...defaultPipelineSettings,
    bootstrapDialogues: benchBootstrap.dialogues,
    expertEpochs: benchBootstrap.epochs,
    initEpochs: benchBootstrap.epochs,
  };
  const started = Date.now();
  log.info(benchBootstrap, 'training the bootstrap checkpoints for the neural Alice');
  const deps = roundWorkDeps(connection, log, settings);
  const versions = await bootstrap(deps, 'dealornodeal', benchBootstrap.seed);
  const trainingMs = Date.now() - started;
  const { model } = settings;
  return {
    version: versions.alice,
    training: `round bootstrap (SL on the low-quality part of ${benchBootstrap.dialogues} synthetic dialogues, ${benchBootstrap.epochs} epoch; model sizes as in rounds: embedding ${model.embedding}, context ${model.context}, hidden ${model.hidden})`,
    trainingMs,
  };
}

function aliceSpecOf(kind: BenchAlice, checkpoint: BenchCheckpoint | null): AliceSpec {
  switch (kind) {
    case 'astra':
      return { kind: 'astra', name: 'astra' };
    case 'scripted':
      return { kind: 'scripted', name: 'boulware' };
    case 'neural':
      if (checkpoint === null) {
        throw new Error('the neural Alice needs a checkpoint');
      }
      return liveAliceOf(checkpoint.version);
  }
}

/** Tasks cut from synthetic dialogues after an Alice act that leaves the dialogue open. */
async function seedTasks(connection: Connection, count: number, alice: AliceSpec): Promise<number> {
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
        models: {
          alice: alice.kind === 'policy' ? alice.name : `bench:${alice.name}`,
          bob: 'bench:none',
        },
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

/**
 * Who answered the live Alice turns, as stored with each turn: `policy:<version>`, `astra:astra`
 * (with ` (fallback)` when ASTRA stood in for a policy that did not answer in time).
 */
async function aliceRepliesOf(connection: Connection): Promise<Record<string, number>> {
  const annotations = await annotationModel(connection)
    .find({}, { turns: 1 })
    .lean<Pick<Annotation, 'turns'>[]>();
  const replies: Record<string, number> = {};
  for (const annotation of annotations) {
    for (const turn of annotation.turns) {
      const playedBy = turn.playedBy as
        { kind?: string; name?: string; fallback?: string | null } | null | undefined;
      if (turn.speaker !== 0 || playedBy === null || playedBy === undefined) {
        continue;
      }
      const key = `${playedBy.kind}:${playedBy.name}${typeof playedBy.fallback === 'string' ? ' (fallback)' : ''}`;
      replies[key] = (replies[key] ?? 0) + 1;
    }
  }
  return replies;
}

/**
 * Percentiles over every wait: `timeouts` waits that got no answer count at `waitMs` (what
 * the annotator waited at least), so a timed-out reply raises the percentiles instead of
 * vanishing from them.
 */
export function latency(values: number[], timeouts = 0, waitMs = 0): LatencySummary {
  const sorted = [...values, ...new Array<number>(timeouts).fill(waitMs)].sort((a, b) => a - b);
  return {
    count: sorted.length,
    timeouts,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Adds up the annotators' tallies (pure: no I/O). */
export function summarise(
  options: Pick<ServerBenchOptions, 'annotators' | 'durationS' | 'thinkMs' | 'rampUpS' | 'alice'>,
  tasks: number,
  tallies: AnnotatorTally[],
  elapsedS: number,
  server: ProcessUsage,
  checks: ServerBenchResult['checks'],
): Omit<ServerBenchResult, 'database' | 'loadGeneratorCpuPercent' | 'checkpoint' | 'aliceReplies'> {
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
    replyTimeoutMs: defaultReplyTimeoutMs,
    tasks,
    sessionsCompleted: tallies.reduce((sum, t) => sum + t.sessionsCompleted, 0),
    acts,
    actsPerSecond: acts / elapsedS,
    actToReplyMs: latency(
      tallies.flatMap((t) => t.replyLatenciesMs),
      tallies.reduce((sum, t) => sum + t.replyTimeouts, 0),
      defaultReplyTimeoutMs,
    ),
    claimMs: latency(tallies.flatMap((t) => t.claimLatenciesMs)),
    emptyClaims: tallies.reduce((sum, t) => sum + t.emptyClaims, 0),
    errors,
    server,
    checks,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const waits = (l: LatencySummary, waitMs: number) =>
  l.timeouts === 0
    ? `(n = ${l.count})`
    : `(n = ${l.count}, of which ${l.timeouts} got no reply within ${waitMs} ms and count as ${waitMs} ms: lower bounds)`;

export function formatServerBench(r: ServerBenchResult): string {
  const errors = Object.entries(r.errors);
  const replies = Object.entries(r.aliceReplies);
  return [
    `${r.annotators} simulated annotators for ${r.durationS} s (joining over ${r.rampUpS} s; think ${r.thinkMs} ms ±50 % per act; Alice: ${r.alice}; ${r.tasks} tasks)`,
    ...(r.checkpoint === null
      ? []
      : [
          `  Alice checkpoint     ${r.checkpoint.version}: ${r.checkpoint.training}, trained by the bench in ${(r.checkpoint.trainingMs / 1000).toFixed(1)} s`,
        ]),
    `  Alice replies by     ${replies.length === 0 ? 'none' : replies.map(([who, n]) => `${who} × ${n}`).join(', ')}`,
    `  sessions completed   ${r.sessionsCompleted}`,
    `  Bob acts             ${r.acts}  (${r.actsPerSecond.toFixed(1)} acts/s, each answered by Alice unless it ended the dialogue)`,
    `  act → Alice reply    p50 ${ms(r.actToReplyMs.p50)}  p95 ${ms(r.actToReplyMs.p95)}  p99 ${ms(r.actToReplyMs.p99)}  max ${ms(r.actToReplyMs.max)}  ${waits(r.actToReplyMs, r.replyTimeoutMs)}`,
    `  claim                p50 ${ms(r.claimMs.p50)}  p95 ${ms(r.claimMs.p95)}  p99 ${ms(r.claimMs.p99)}  max ${ms(r.claimMs.max)}  (n = ${r.claimMs.count}${r.emptyClaims === 0 ? '' : `, ${r.emptyClaims} found the queue empty: less load than asked`})`,
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
