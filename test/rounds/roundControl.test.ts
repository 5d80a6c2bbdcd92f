import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkpointBucketName,
  createCheckpointStore,
} from '../../platform/checkpoints/checkpointStore';
import { connectDatabase } from '../../platform/database/connection';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { jobKinds } from '../../platform/jobs/jobKinds';
import { jobModel } from '../../platform/jobs/jobModel';
import { createJobQueue } from '../../platform/jobs/jobQueue';
import { createLogger } from '../../platform/logger';
import { taskModel } from '../../platform/tasks/taskModel';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RoundView } from '../../shared/protocol/rounds';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { readRound, roundRunner, runJobsUntil } from '../support/roundWorkers';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('round_control');
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await platform.close();
});

async function launchedRound(body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/rounds', {
    name: 'controlled round',
    domain: 'dealornodeal',
    selfPlayDialogues: 12,
    annotate: 3,
    oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    ...body,
  });
  expect(created.status).toBe(201);
  const roundId = (created.body as { round: RoundView }).round.id;
  expect((await client.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
  return roundId;
}

const selfPlayDone = async (roundId: string) =>
  (await readRound(platform.db.connection, roundId)).progress?.['self-play']?.done ?? 0;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('steering a running round', () => {
  it.each(['rl', 'frozen'] as const)(
    'pause stops self-play at a chunk boundary; resume continues from the stored progress (Alice %s)',
    async (aliceLearning) => {
      const connection = platform.db.connection;
      const roundId = await launchedRound({ selfPlayDialogues: 160, seed: 21, aliceLearning });
      const runner = roundRunner(connection, 'pausing-worker');
      const running = runner.runOnce();
      await waitFor(async () => (await selfPlayDone(roundId)) >= 8);
      expect((await client.post(`/api/rounds/${roundId}/pause`, {})).status).toBe(200);
      expect(await running).toBe(true);
      const paused = await readRound(connection, roundId);
      expect(paused.status).toBe('paused');
      const doneAtPause = paused.progress?.['self-play']?.done ?? 0;
      expect(doneAtPause).toBeGreaterThanOrEqual(8);
      expect(doneAtPause).toBeLessThan(160);
      // Paused: no job is due, nothing more is played.
      expect(await runner.runOnce()).toBe(false);
      expect(await selfPlayDone(roundId)).toBe(doneAtPause);

      expect((await client.post(`/api/rounds/${roundId}/resume`, {})).status).toBe(200);
      const round = await runJobsUntil(
        runner,
        connection,
        roundId,
        (r) => r.status === 'evaluated',
      );
      expect(round.progress?.['self-play']).toEqual({ done: 160, total: 160 });
      // The resumed job stored from the chunk the pause left off, not from 0 (chunks of 4). When
      // Alice learns by RL it replayed the chunks before without storing them, to retrain her.
      const selfPlayJobs = await jobModel(connection)
        .find({ kind: 'round.selfplay', 'payload.roundId': roundId })
        .sort({ _id: 1 })
        .lean();
      expect(selfPlayJobs.map((j) => j.status)).toEqual(['done', 'done']);
      expect(selfPlayJobs[1]?.result).toMatchObject({
        from: Math.floor(doneAtPause / 4) * 4,
        played: 160 - Math.floor(doneAtPause / 4) * 4,
        replayed: aliceLearning === 'rl' ? Math.floor(doneAtPause / 4) * 4 : 0,
      });
      expect(await dialogueModel(connection).countDocuments({ roundId, source: 'selfplay' })).toBe(
        160,
      );
    },
    120_000,
  );

  it('a resume while the paused job is still ending leaves the stage a job to run', async () => {
    const connection = platform.db.connection;
    const roundId = await launchedRound({ selfPlayDialogues: 8, seed: 24 });
    // A worker holds the self-play job and is about to end it: it saw the pause.
    const queue = createJobQueue(connection, jobKinds);
    const held = await queue.leaseNext(['round.selfplay'], 'ending-worker', 60_000);
    expect(held?.payload).toEqual({ roundId });
    expect((await client.post(`/api/rounds/${roundId}/pause`, {})).status).toBe(200);
    expect((await client.post(`/api/rounds/${roundId}/resume`, {})).status).toBe(200);
    expect(
      await queue.complete(held!._id.toHexString(), 'ending-worker', { stopped: 'paused' }),
    ).toBe(true);
    const runner = roundRunner(connection, 'after-resume-worker');
    const round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'evaluated');
    expect(round.progress?.['self-play']).toEqual({ done: 8, total: 8 });
  }, 120_000);

  it('cancel stops the round for good and leaves its tasks unclaimable', async () => {
    const connection = platform.db.connection;
    const roundId = await launchedRound({
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      redundancy: 2,
      seed: 22,
    });
    const runner = roundRunner(connection, 'cancel-worker');
    await runJobsUntil(runner, connection, roundId, (r) => r.status === 'annotating');
    expect(await taskModel(connection).countDocuments({ roundId, openSlots: 2 })).toBe(3);

    expect((await client.post(`/api/rounds/${roundId}/cancel`, {})).status).toBe(200);
    const worker = await createTestUser(connection, ['worker']);
    const http = new HttpClient(platform.server.url);
    await http.login(worker.username, worker.password);
    const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
    sockets.push(socket);
    expect(await request<TaskView | null>(socket, 'task:claim', {})).toEqual({
      ok: true,
      data: null,
    });
    // The waiting job stops; nothing re-enqueues it.
    for (let i = 0; i < 5 && (await runner.runOnce()); i++) {
      // drain
    }
    expect(await runner.runOnce()).toBe(false);
    expect((await readRound(connection, roundId)).status).toBe('cancelled');
    expect(
      await jobModel(connection).countDocuments({
        'payload.roundId': roundId,
        status: { $in: ['queued', 'leased'] },
      }),
    ).toBe(0);
  }, 120_000);

  it('a worker that dies mid-job loses its lease; another takes over and the round finishes', async () => {
    const connection = platform.db.connection;
    const roundId = await launchedRound({ selfPlayDialogues: 120, seed: 23 });
    // The doomed worker has its own connection: closing it is its crash.
    const doomedConnection = await connectDatabase({
      uri: inject('mongoUri'),
      dbName: connection.name,
      log: createLogger('silent'),
    });
    const doomed = roundRunner(doomedConnection, 'doomed-worker');
    const dying = doomed.runOnce().catch(() => 'crashed');
    await waitFor(async () => (await selfPlayDone(roundId)) >= 8);
    await doomedConnection.close(true);
    await dying;
    const progressAtCrash = await selfPlayDone(roundId);
    expect(progressAtCrash).toBeLessThan(120);
    const job = await jobModel(connection)
      .findOne({ kind: 'round.selfplay', 'payload.roundId': roundId })
      .lean();
    expect(job).toMatchObject({ status: 'leased', owner: 'doomed-worker' });
    // Time passes: the dead worker's lease runs out.
    await jobModel(connection).updateOne(
      { _id: job!._id },
      { $set: { leaseExpiresAt: new Date(Date.now() - 1) } },
    );

    const survivor = roundRunner(connection, 'survivor');
    const round = await runJobsUntil(
      survivor,
      connection,
      roundId,
      (r) => r.status === 'evaluated',
    );
    const after = await jobModel(connection).findById(job!._id).lean();
    expect(after).toMatchObject({ status: 'done', attempts: 2 });
    expect(round.progress?.['self-play']?.done).toBe(120);
    expect(await dialogueModel(connection).countDocuments({ roundId, source: 'selfplay' })).toBe(
      120,
    );
  }, 120_000);
});

describe('the checkpoint store', () => {
  it('never makes a half-written checkpoint current, and a retry completes it once', async () => {
    const store = createCheckpointStore(platform.db.connection);
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const checkpoint = { version: 'half-written', domain: 'dealornodeal', role: 'alice' } as const;
    await expect(
      store.save(checkpoint, bytes, {
        interrupt: () => Promise.reject(new Error('worker died')),
      }),
    ).rejects.toThrow('worker died');
    expect((await store.get('half-written'))?.status).toBe('writing');
    await expect(store.load('half-written')).rejects.toThrow('not ready');
    await expect(store.makeCurrent('half-written')).rejects.toThrow('not ready');
    expect(await store.currentVersion('dealornodeal', 'alice')).not.toBe('half-written');

    await store.save(checkpoint, bytes);
    await store.save(checkpoint, new Uint8Array([1, 2, 3])); // a rerun changes nothing
    const { bytes: back } = await store.load('half-written');
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.makeCurrent('half-written')).toBe('half-written');
    const bucket = new mongoose.mongo.GridFSBucket(platform.db.connection.db!, {
      bucketName: checkpointBucketName,
    });
    expect(await bucket.find({ filename: 'half-written' }).toArray()).toHaveLength(1);
  });
});
