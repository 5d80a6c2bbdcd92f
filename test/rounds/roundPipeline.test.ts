import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointStore } from '../../server/checkpoints/checkpointStore';
import { dialogueModel } from '../../server/dialogues/dialogueModel';
import { jobModel } from '../../server/jobs/jobModel';
import { taskModel } from '../../server/tasks/taskModel';
import type { RoundResults, RoundView } from '../../shared/protocol/rounds';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { readRound, roundRunner, runJobsUntil } from '../support/roundWorkers';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;

beforeAll(async () => {
  platform = await startTestPlatform('round_pipeline');
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
});
afterAll(async () => {
  await platform.close();
});

async function createRound(body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/rounds', {
    name: 'pipeline round',
    domain: 'dealornodeal',
    selfPlayDialogues: 12,
    annotate: 4,
    ...body,
  });
  expect(created.status).toBe(201);
  return (created.body as { round: RoundView }).round.id;
}

describe('the round pipeline with simulated oracles', () => {
  it('runs a round from launch to evaluated through real jobs', async () => {
    const connection = platform.db.connection;
    const roundId = await createRound({
      oracleMix: { human: 0, simulatedExpert: 0.5, astra: 0.5 },
      seed: 7,
    });
    expect((await client.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
    const queued = await jobModel(connection).find({ 'payload.roundId': roundId }).lean();
    expect(queued.map((j) => j.kind)).toEqual(['round.selfplay']);

    const runner = roundRunner(connection, 'test-worker');
    const round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'evaluated');

    expect(round.progress?.['self-play']).toEqual({ done: 12, total: 12 });
    expect(round.progress?.ranking).toEqual({ done: 12, total: 12 });
    const selfPlay = await dialogueModel(connection).countDocuments({ roundId, source: 'selfplay' });
    expect(selfPlay).toBe(12);
    const oracleRecords = await dialogueModel(connection)
      .find({ roundId, source: 'annotation' })
      .lean();
    expect(oracleRecords.length).toBe(4);
    expect(await taskModel(connection).countDocuments({ roundId })).toBe(0);

    const results = round.results as RoundResults;
    expect(results.evaluations.map((e) => e.epoch)).toEqual([0, 1]);
    expect(results.evaluations[1]!.oracleShare).toBeGreaterThan(0);
    expect(results.evaluations[0]!.bob.dialogues).toBe(8);
    expect(
      results.training.simulatedExpertAnnotations + results.training.astraAnnotations,
    ).toBe(4);
    expect(results.training.humanAnnotations).toBe(0);
    expect(results.checkpoints.bobAfter).toBe(`${roundId}-bob`);
    expect(results.checkpoints.bobBefore).toBe('bootstrap-dealornodeal-s7-bob');

    const store = createCheckpointStore(connection);
    expect((await store.get(`${roundId}-bob`))?.status).toBe('ready');
    expect(await store.currentVersion('dealornodeal', 'bob')).toBe(`${roundId}-bob`);
    expect(await store.currentVersion('dealornodeal', 'expert')).toBe(
      'bootstrap-dealornodeal-s7-expert',
    );
    // Every job of the round ended done; none is left to run.
    const jobs = await jobModel(connection).find({ 'payload.roundId': roundId }).lean();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    const view = await client.get(`/api/rounds/${roundId}`);
    expect((view.body as { round: RoundView }).round.results).toEqual(results);
    void readRound;
  }, 120_000);
});
