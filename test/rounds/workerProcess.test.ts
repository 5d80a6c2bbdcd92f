import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { createRoundService } from '../../platform/rounds/roundService';
import { createRoundBodySchema, type RoundResults } from '../../shared/protocol/rounds';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import {
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
} from '../support/workerProcess';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let worker: WorkerProcess | null = null;

beforeAll(async () => {
  db = await openTestDatabase('worker_process');
  await prepareDatabase(db.connection);
  // Small current checkpoints for the domain, so the worker needs no bootstrap.
  await seedSmallCheckpoints(db.connection);
});
afterAll(async () => {
  if (worker !== null) {
    await stopWorkerProcess(worker);
  }
  await db.drop();
});

describe('a worker process (cli/platform/runnerMain.ts)', () => {
  it('leases the round jobs from MongoDB and takes a launched round to evaluated', async () => {
    const researcher = { id: 'researcher-1', username: 'r', roles: ['researcher' as const] };
    const rounds = createRoundService(db.connection, () => undefined);
    const round = await rounds.create(
      researcher,
      createRoundBodySchema.parse({
        name: 'worker process round',
        domain: 'dealornodeal',
        selfPlayDialogues: 16,
        annotate: 3,
        oracleMix: { human: 0, simulatedExpert: 0.5, astra: 0.5 },
      }),
    );
    await rounds.act(researcher, round.id, 'launch');

    worker = startWorkerProcess(db.connection.name);

    let status = round.status as string;
    for (let i = 0; i < 1_200 && status !== 'evaluated'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await readRound(db.connection, round.id)).status;
    }
    expect(status, worker.output()).toBe('evaluated');
    const done = await readRound(db.connection, round.id);
    const results = done.results as RoundResults;
    expect(results.checkpoints).toEqual({
      alice: 'small-alice',
      aliceAfter: `${round.id}-alice-rl`,
      bobBefore: 'small-bob',
      bobAfter: `${round.id}-bob`,
    });
    expect(results.training.previousDialogues).toBeGreaterThan(0);
    expect(results.evaluations).toHaveLength(2);
  }, 150_000);
});
