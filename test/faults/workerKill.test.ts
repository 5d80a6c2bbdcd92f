import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointModel } from '../../platform/checkpoints/checkpointModel';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { jobModel } from '../../platform/jobs/jobModel';
import type { Round } from '../../platform/rounds/roundModel';
import { createRoundService } from '../../platform/rounds/roundService';
import { createRoundBodySchema } from '../../shared/protocol/rounds';
import { deserializePolicy } from '../../learning/checkpoint';
import { disposePolicy } from '../../learning/policy';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import {
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
} from '../support/workerProcess';

const selfPlayDialogues = 3000;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const workers: WorkerProcess[] = [];
const output = () => workers.map((w) => w.output()).join('');

beforeAll(async () => {
  db = await openTestDatabase('worker_kill');
  await prepareDatabase(db.connection);
  await seedSmallCheckpoints(db.connection);
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorkerProcess));
  await db.drop();
});

/** A real worker process with a 3-second job lease, so takeovers are quick. */
function startWorker(): ChildProcess {
  const worker = startWorkerProcess(db.connection.name, { PARLEY_JOB_LEASE_SECONDS: '3' });
  workers.push(worker);
  return worker.child;
}

async function waitForJob(
  kind: string,
  roundId: string,
  condition: (job: { status: string }) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobModel(db.connection).findOne({ kind, 'payload.roundId': roundId }).lean();
    if (job !== null && condition(job)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `job ${kind} still ${job?.status ?? 'absent'} after ${timeoutMs} ms\n${output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForRound(
  roundId: string,
  condition: (round: Round) => boolean,
  timeoutMs: number,
): Promise<Round> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const round = await readRound(db.connection, roundId);
    if (condition(round)) {
      return round;
    }
    if (Date.now() > deadline) {
      throw new Error(`round still ${round.status} after ${timeoutMs} ms\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function kill(worker: ChildProcess): Promise<unknown> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  return exited;
}

describe('SIGKILL a worker process mid-job', () => {
  it('another worker takes the job over once its lease expires, and the round is evaluated', async () => {
    const researcher = { id: 'researcher-1', username: 'r', roles: ['researcher' as const] };
    const rounds = createRoundService(db.connection, () => undefined);
    const round = await rounds.create(
      researcher,
      createRoundBodySchema.parse({
        name: 'killed worker round',
        domain: 'dealornodeal',
        selfPlayDialogues,
        annotate: 4,
        oracleMix: { human: 0, simulatedExpert: 0.5, astra: 0.5 },
      }),
    );
    await rounds.act(researcher, round.id, 'launch');

    // Killed mid-self-play: some chunks stored, not all.
    const first = startWorker();
    const midway = await waitForRound(
      round.id,
      (r) => (r.progress?.['self-play']?.done ?? 0) > 0,
      60_000,
    );
    await kill(first);
    expect(midway.status).toBe('self-play');
    expect(midway.progress?.['self-play']?.done).toBeLessThan(selfPlayDialogues);

    // A second worker, killed again while it holds the retraining job (SL for seconds on
    // these sizes, so the 20 ms poll sees the lease): that stage must survive a kill too.
    const second = startWorker();
    await waitForJob('round.retrain', round.id, (job) => job.status === 'leased', 180_000);
    await kill(second);

    startWorker();
    const done = await waitForRound(round.id, (r) => r.status === 'evaluated', 120_000);
    expect(done.results).not.toBeNull();

    // The self-play job was taken over after the kill, and finished once; no dialogue twice.
    const selfPlayJob = await jobModel(db.connection)
      .findOne({ kind: 'round.selfplay', 'payload.roundId': round.id })
      .lean();
    expect(selfPlayJob?.status).toBe('done');
    expect(selfPlayJob?.attempts).toBeGreaterThanOrEqual(2);
    const stored = await dialogueModel(db.connection)
      .find({ roundId: round.id, source: 'selfplay' }, { _id: 1 })
      .lean();
    expect(stored).toHaveLength(selfPlayDialogues);
    const retrain = await jobModel(db.connection)
      .findOne({ kind: 'round.retrain', 'payload.roundId': round.id })
      .lean();
    expect(retrain?.status).toBe('done');
    expect(retrain?.attempts).toBeGreaterThanOrEqual(2);

    // Every checkpoint marked ready (the retrained Bob among them) loads whole.
    const store = createCheckpointStore(db.connection);
    expect((await store.get(`${round.id}-bob`))?.status).toBe('ready');
    const { tf } = await initTensorflow();
    const ready = await checkpointModel(db.connection).find({ status: 'ready' }).lean();
    for (const checkpoint of ready) {
      const { bytes } = await store.load(checkpoint._id);
      const { policy } = deserializePolicy(tf, bytes);
      disposePolicy(policy);
    }
  }, 300_000);
});
