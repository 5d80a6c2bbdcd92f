import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import type { RoundPipelineState } from '../../pipeline/roundWork';
import type { RoundResults, RoundView } from '../../shared/protocol/rounds';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { roundRunner, runJobsUntil } from '../support/roundWorkers';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;

beforeAll(async () => {
  platform = await startTestPlatform('round_epochs');
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
});
afterAll(async () => {
  await platform.close();
});

async function runRound(
  body: Record<string, unknown>,
): Promise<{ id: string; results: RoundResults; pipeline: RoundPipelineState }> {
  const created = await client.post('/api/rounds', {
    domain: 'dealornodeal',
    selfPlayDialogues: 16,
    annotate: 4,
    oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    ...body,
  });
  expect(created.status).toBe(201);
  const id = (created.body as { round: RoundView }).round.id;
  expect((await client.post(`/api/rounds/${id}/launch`, {})).status).toBe(200);
  const connection = platform.db.connection;
  const round = await runJobsUntil(
    roundRunner(connection, `epochs-${id}`),
    connection,
    id,
    (r) => r.status === 'evaluated' || r.status === 'failed',
    240_000,
  );
  expect(round.status).toBe('evaluated');
  return {
    id,
    results: round.results as RoundResults,
    pipeline: round.pipeline as RoundPipelineState,
  };
}

/**
 * A platform round is one TDA epoch (the same acquisition step experiments run): Alice learns
 * by RL in self-play, the simulated expert continues the most novel, Bob — and in first order
 * Alice — retrain, and the new checkpoints are evaluated against the expert and against the
 * ones the round started from. Once promoted, the first round's checkpoints are where the
 * second one starts.
 */
describe('two chained rounds with simulated oracles', () => {
  it('RL-trains Alice, retrains both in first order, and evaluates round over round', async () => {
    const connection = platform.db.connection;
    const store = createCheckpointStore(connection);
    const first = await runRound({ name: 'epoch 1', aliceLearning: 'rl', order: 'first', seed: 3 });

    const start = first.pipeline.versions!;
    expect(first.results.checkpoints).toEqual({
      alice: start.alice,
      aliceAfter: `${first.id}-alice`,
      bobBefore: start.bob,
      bobAfter: `${first.id}-bob`,
    });
    // RL self-play saved an Alice of its own, from the round's; her retraining started there.
    const rlAlice = await store.get(`${first.id}-alice-rl`);
    expect(rlAlice).toMatchObject({ status: 'ready', role: 'alice', parent: start.alice });
    expect(await store.get(`${first.id}-alice`)).toMatchObject({
      status: 'ready',
      parent: `${first.id}-alice-rl`,
    });
    const [rlBytes, startBytes] = await Promise.all([
      store.load(`${first.id}-alice-rl`),
      store.load(start.alice),
    ]);
    expect(Buffer.compare(Buffer.from(rlBytes.bytes), Buffer.from(startBytes.bytes))).not.toBe(0);
    // The annotations were played against the RL-trained Alice.
    const continuations = await dialogueModel(connection)
      .find({ roundId: first.id, source: 'annotation' })
      .lean();
    expect(continuations).toHaveLength(4);
    for (const d of continuations) {
      expect((d.record.provenance as { models: { alice: string } }).models.alice).toBe(
        `${first.id}-alice-rl`,
      );
    }
    // Evaluated before and after against the expert, and new against old.
    expect(first.results.evaluations.map((e) => e.epoch)).toEqual([0, 1]);
    expect(first.results.evaluations[1]!.alice.dialogues).toBe(8);
    expect(first.results.versusPrevious?.alice.dialogues).toBe(8);
    expect(first.results.versusPrevious?.bob.dialogues).toBe(8);
    expect(first.results.evaluations[1]!.oracleShare).toBeGreaterThan(0);

    // The researcher promotes the first round's checkpoints after reading its evaluation; the
    // second round names none and so starts from them.
    const promoted = await client.post(`/api/rounds/${first.id}/promote`, {});
    expect(promoted.status).toBe(200);
    const second = await runRound({
      name: 'epoch 2',
      aliceLearning: 'rl',
      order: 'second',
      seed: 4,
    });
    expect(second.pipeline.versions).toMatchObject({
      alice: `${first.id}-alice`,
      bob: `${first.id}-bob`,
    });
    // Second order: Alice after the round is the RL-trained one; only Bob retrained.
    expect(second.results.checkpoints).toMatchObject({
      alice: `${first.id}-alice`,
      aliceAfter: `${second.id}-alice-rl`,
      bobBefore: `${first.id}-bob`,
      bobAfter: `${second.id}-bob`,
    });
    expect(await store.get(`${second.id}-alice`)).toBeNull();
    // Bob's data grew: the first round's continuations are in D for the second.
    expect(second.results.training.previousDialogues).toBeGreaterThan(
      first.results.training.previousDialogues,
    );
  }, 480_000);

  it('keeps Alice as she was when the round says frozen', async () => {
    const frozen = await runRound({
      name: 'frozen',
      aliceLearning: 'frozen',
      order: 'second',
      seed: 5,
    });
    const start = frozen.pipeline.versions!;
    expect(frozen.results.checkpoints.aliceAfter).toBe(start.alice);
    expect(
      await createCheckpointStore(platform.db.connection).get(`${frozen.id}-alice-rl`),
    ).toBeNull();
  }, 240_000);
});
