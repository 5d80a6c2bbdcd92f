import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointModel } from '../../platform/checkpoints/checkpointModel';
import { jobModel } from '../../platform/jobs/jobModel';
import type { CheckpointOption } from '../../shared/protocol/checkpoints';
import type { RoundView } from '../../shared/protocol/rounds';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { readRound, roundRunner, runJobsUntil } from '../support/roundWorkers';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;

beforeAll(async () => {
  platform = await startTestPlatform('round_failures');
  await seedSmallCheckpoints(platform.db.connection);
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
}, 120_000);
afterAll(async () => {
  await platform.close();
});

const roundBody = (body: Record<string, unknown>) => ({
  name: 'failing round',
  domain: 'dealornodeal',
  selfPlayDialogues: 8,
  annotate: 2,
  oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
  ...body,
});

async function launchedRound(body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/rounds', roundBody(body));
  expect(created.status).toBe(201);
  const roundId = (created.body as { round: RoundView }).round.id;
  expect((await client.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
  return roundId;
}

const selfPlayJobs = (roundId: string) =>
  jobModel(platform.db.connection)
    .find({ kind: 'round.selfplay', 'payload.roundId': roundId })
    .sort({ _id: 1 })
    .lean();

/** A copy of a ready checkpoint under a new version (so a test may break it alone). */
async function copyCheckpoint(from: string, to: string, set: Record<string, unknown> = {}) {
  const doc = await checkpointModel(platform.db.connection).findById(from).lean();
  await checkpointModel(platform.db.connection).create({ ...doc, _id: to, ...set });
}

describe('choosing checkpoints', () => {
  it('refuses to create a round with a checkpoint that does not exist, naming it', async () => {
    const refused = await client.post(
      '/api/rounds',
      roundBody({ checkpoints: { alice: 'no-such-checkpoint', bob: null } }),
    );
    // Unknown, or not the caller's to use: the same 404, so names cannot be probed.
    expect(refused.status).toBe(404);
    expect(errorCode(refused.body)).toBe('not_found');
    const message = (refused.body as { error: { message: string } }).error.message;
    expect(message).toContain('"no-such-checkpoint"');
    expect(message).toContain('GET /api/checkpoints?domain=dealornodeal&role=alice');
    // A real checkpoint of the other role is refused too: Alice plays from Alice's.
    expect(
      (
        await client.post(
          '/api/rounds',
          roundBody({ checkpoints: { alice: 'small-bob', bob: null } }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await client.post(
          '/api/rounds',
          roundBody({ checkpoints: { alice: 'small-alice', bob: 'small-bob' } }),
        )
      ).status,
    ).toBe(201);
  });

  it('lists the checkpoints a researcher may use, with readable names', async () => {
    const other = await createTestUser(platform.db.connection, ['researcher']);
    const otherClient = new HttpClient(platform.server.url);
    await otherClient.login(other.username, other.password);
    const theirs = await otherClient.post('/api/rounds', roundBody({ name: 'their round' }));
    const theirRoundId = (theirs.body as { round: RoundView }).round.id;
    const mine = await client.post('/api/rounds', roundBody({ name: 'pilot round' }));
    const myRoundId = (mine.body as { round: RoundView }).round.id;
    await copyCheckpoint('small-bob', `${myRoundId}-bob`, { roundId: myRoundId });
    await copyCheckpoint('small-bob', `${theirRoundId}-bob`, { roundId: theirRoundId });

    const listed = await client.get('/api/checkpoints?domain=dealornodeal&role=bob');
    expect(listed.status).toBe(200);
    const options = (listed.body as { checkpoints: CheckpointOption[] }).checkpoints;
    expect(options[0]).toMatchObject({ version: 'small-bob', current: true });
    expect(options[0]!.label).toContain('(default)');
    expect(options.find((o) => o.version === `${myRoundId}-bob`)?.label).toBe(
      'Bob after “pilot round”',
    );
    expect(options.map((o) => o.version)).not.toContain(`${theirRoundId}-bob`);
    // What is not listed cannot be used either.
    expect(
      (
        await client.post(
          '/api/rounds',
          roundBody({ checkpoints: { alice: null, bob: `${theirRoundId}-bob` } }),
        )
      ).status,
    ).toBe(404);
    expect((await client.get('/api/checkpoints?domain=dealornodeal&role=carol')).status).toBe(400);
  });
});

describe('a stage that fails', () => {
  it('fails its round with the reason at once when the failure is permanent; retry runs the stage again', async () => {
    const connection = platform.db.connection;
    await copyCheckpoint('small-alice', 'vanishing-alice');
    const roundId = await launchedRound({ checkpoints: { alice: 'vanishing-alice', bob: null } });
    // The checkpoint goes away between creation and self-play.
    await checkpointModel(connection).updateOne(
      { _id: 'vanishing-alice' },
      { $set: { status: 'writing' } },
    );
    const runner = roundRunner(connection, 'failing-worker');
    const failed = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'failed');
    expect(failed.failure).toMatchObject({ stage: 'self-play', job: 'round.selfplay' });
    expect(failed.failure?.reason).toContain('vanishing-alice');
    // Not retried: one attempt, failed, and nothing is left to run.
    const [job, ...more] = await selfPlayJobs(roundId);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await runner.runOnce()).toBe(false);
    const view = (await client.get(`/api/rounds/${roundId}`)).body as { round: RoundView };
    expect(view.round.status).toBe('failed');
    expect(view.round.failure?.reason).toContain('vanishing-alice');
    expect((await client.post(`/api/rounds/${roundId}/resume`, {})).status).toBe(409);

    await checkpointModel(connection).updateOne(
      { _id: 'vanishing-alice' },
      { $set: { status: 'ready' } },
    );
    const retried = await client.post(`/api/rounds/${roundId}/retry`, {});
    expect(retried.status).toBe(200);
    expect((retried.body as { round: RoundView }).round).toMatchObject({
      status: 'self-play',
      failure: null,
    });
    expect((await client.post(`/api/rounds/${roundId}/retry`, {})).status).toBe(409);
    const round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'evaluated');
    expect(round.progress?.['self-play']).toEqual({ done: 8, total: 8 });
    expect((await selfPlayJobs(roundId)).map((j) => j.status)).toEqual(['failed', 'done']);
  }, 120_000);

  it('retries a transient failure per the job settings, then fails the round with the reason', async () => {
    const connection = platform.db.connection;
    // Ready, but its bytes are gone: loading it throws, which is retried.
    await copyCheckpoint('small-bob', 'bytes-lost-bob', {
      fileId: new mongoose.Types.ObjectId(),
    });
    const roundId = await launchedRound({ checkpoints: { alice: null, bob: 'bytes-lost-bob' } });
    const runner = roundRunner(connection, 'flaky-worker');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await runner.runOnce()).toBe(true);
      const [job] = await selfPlayJobs(roundId);
      expect(job?.attempts).toBe(attempt);
      expect((await readRound(connection, roundId)).status).toBe(
        attempt < 5 ? 'self-play' : 'failed',
      );
      // The back-off has passed (instead of waiting for it).
      await jobModel(connection).updateOne({ _id: job!._id }, { $set: { runAfter: new Date() } });
    }
    expect(await runner.runOnce()).toBe(false);
    const [job] = await selfPlayJobs(roundId);
    expect(job).toMatchObject({ status: 'failed', attempts: 5 });
    const round = await readRound(connection, roundId);
    expect(round.failure?.reason).toBe(job!.error);
    expect(round.failure?.reason).toMatch(/file|bytes-lost-bob|not found/i);
  }, 120_000);
});
