import autocannon from 'autocannon';
import { Types, type Connection } from 'mongoose';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { hashPassword } from '../../platform/auth/passwords';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { roundModel } from '../../platform/rounds/roundModel';
import { userModel } from '../../platform/users/userModel';
import { signIn, startBenchPlatform } from './benchPlatform';
import { sampleProcess, type ProcessUsage } from './processSampler';

export interface ApiBenchOptions {
  connections: number;
  durationS: number;
  config: Config;
  log: Logger;
}

export interface EndpointResult {
  name: string;
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  server: ProcessUsage;
}

const password = 'bench-researcher-password';

/**
 * `parley bench api`: the hot read endpoints under autocannon's load, one after another, against
 * a server process on a private database seeded with a researcher's rounds.
 */
export async function benchApi(options: ApiBenchOptions): Promise<EndpointResult[]> {
  const platform = await startBenchPlatform(options.config, options.log);
  try {
    const roundId = await seedRounds(platform.connection, 200);
    await seedReviewQueue(platform.connection, roundId, 2_000);
    const { baseUrl, pid } = await platform.startServer();
    const [researcher, reviewer] = await signIn(
      baseUrl,
      ['bench-researcher', 'bench-reviewer'],
      password,
    );
    const endpoints = [
      { name: 'health', path: '/api/health', cookie: '' },
      { name: 'round progress', path: `/api/rounds/${roundId}`, cookie: researcher },
      { name: 'rounds list', path: '/api/rounds', cookie: researcher },
      {
        name: 'review queue',
        path: '/api/review/annotations?status=pending&pageSize=50',
        cookie: reviewer,
      },
    ];
    const results: EndpointResult[] = [];
    for (const endpoint of endpoints) {
      options.log.info({ endpoint: endpoint.path }, 'loading');
      const usage = sampleProcess(pid);
      const result = await autocannon({
        url: `${baseUrl}${endpoint.path}`,
        connections: options.connections,
        duration: options.durationS,
        headers: { cookie: endpoint.cookie ?? '' },
      });
      results.push({
        name: endpoint.name,
        path: endpoint.path,
        requestsPerSecond: result.requests.average,
        latencyMs: {
          p50: result.latency.p50,
          p97_5: result.latency.p97_5,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        server: usage.stop(),
      });
    }
    return results;
  } finally {
    await platform.close();
  }
}

/**
 * A reviewer and `count` completed annotations of the round by 20 workers, half of them flagged
 * and pending (the review queue's working set).
 */
async function seedReviewQueue(connection: Connection, roundId: string, count: number) {
  const passwordHash = await hashPassword(password);
  await userModel(connection).create({
    username: 'bench-reviewer',
    passwordHash,
    roles: ['reviewer'],
  });
  const workers = await userModel(connection).insertMany(
    Array.from({ length: 20 }, (_, i) => ({
      username: `bench-worker-${i + 1}`,
      passwordHash,
      roles: ['worker'],
    })),
  );
  const now = Date.now();
  await annotationModel(connection).insertMany(
    Array.from({ length: count }, (_, i) => {
      const flagged = i % 2 === 0;
      return {
        taskId: new Types.ObjectId().toHexString(),
        roundId,
        workerId: workers[i % workers.length]!._id.toHexString(),
        leaseId: `bench-lease-${i}`,
        status: 'completed',
        turns: [],
        turnCount: 0,
        bobSeqs: [],
        outcome: null,
        suggestions: [],
        startedAt: new Date(now - 120_000 - i * 1000),
        endedAt: new Date(now - i * 1000),
        recordWritten: true,
        checkedAt: new Date(now - i * 1000),
        flags: flagged ? [{ code: 'too_fast', detail: 'mean 0.4 s per act' }] : [],
        review: {
          status: flagged ? 'pending' : 'accepted',
          decidedBy: flagged ? null : 'auto',
          reviewerId: null,
          reason: '',
          bonusCents: 0,
          at: null,
        },
      };
    }),
  );
}

/** A researcher with `count` rounds (so the list endpoint reads a realistic page). */
async function seedRounds(connection: Connection, count: number): Promise<string> {
  const user = await userModel(connection).create({
    username: 'bench-researcher',
    passwordHash: await hashPassword(password),
    roles: ['researcher'],
  });
  const now = new Date();
  const rounds = await roundModel(connection).insertMany(
    Array.from({ length: count }, (_, i) => ({
      owner: user._id.toHexString(),
      name: `bench round ${i + 1}`,
      domain: 'dealornodeal',
      checkpoints: { alice: null, bob: null },
      selfPlayDialogues: 1000,
      annotate: 100,
      noveltyMetric: 'minLogProb',
      oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
      redundancy: 2,
      goldRate: 0.1,
      retrainingPolicy: 'reviewed-accepted',
      seed: i,
      status: 'annotating',
      pausedFrom: null,
      progress: {
        'self-play': { done: 1000, total: 1000 },
        ranking: { done: 1000, total: 1000 },
        annotating: { done: i % 100, total: 100 },
        retraining: { done: 0, total: 0 },
      },
      results: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const first = rounds[0];
  if (first === undefined) {
    throw new Error('no round was seeded');
  }
  return first._id.toHexString();
}

export function formatApiBench(results: readonly EndpointResult[], connections: number): string {
  return [
    `REST under load: ${connections} connections per endpoint (autocannon)`,
    ...results.map(
      (r) =>
        `  ${r.name.padEnd(16)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  latency p50 ${r.latencyMs.p50} ms, p97.5 ${r.latencyMs.p97_5} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms;  ${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx;  server CPU ${r.server.meanCpuPercent.toFixed(0)} %, RSS ${r.server.peakRssMiB.toFixed(0)} MiB  (${r.path})`,
    ),
  ].join('\n');
}
