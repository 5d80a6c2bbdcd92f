import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { jobModel } from '../../platform/jobs/jobModel';
import {
  experimentRunModel,
  experimentUnitResultModel,
} from '../../platform/experimentRuns/experimentRunModels';
import { experimentCheckpointBucket } from '../../experiments/distributed/gridCheckpointStore';
import { loadRunRecords, storeRunRecords } from '../../experiments/distributed/runRecords';
import { readExperimentRecords } from '../../experiments/experimentRecords';
import { runParley } from '../cli/runParley';
import { writeHumanDialogues } from '../support/humanDialogues';
import { openTestDatabase } from '../setup/testDatabase';
import {
  checkpointFiles,
  readResults,
  splitInvariant,
  tinyExperiment,
} from '../support/tinyExperiment';
import {
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
} from '../support/workerProcess';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-experiment-distributed-'));
const { args } = tinyExperiment(dir);
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const workers: WorkerProcess[] = [];
const output = () => workers.map((w) => w.output()).join('');

beforeAll(async () => {
  db = await openTestDatabase('experiment_kill');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorkerProcess));
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the database still holds of the run whose directory is `out`. */
async function leftInDatabase(out: string) {
  const { runId } = JSON.parse(fs.readFileSync(path.join(out, 'distributed-run.json'), 'utf8')) as {
    runId: string;
  };
  return {
    files: await db.connection
      .db!.collection(`${experimentCheckpointBucket}.files`)
      .countDocuments({ filename: { $regex: `^${runId}/` } }),
    unitResults: await experimentUnitResultModel(db.connection).countDocuments({ runId }),
    runs: await experimentRunModel(db.connection).countDocuments({ _id: runId }),
  };
}

/** A leased `experiment.unit` job of a method (not a preparation), polled every 20 ms. */
async function leasedMethodUnit(timeoutMs: number): Promise<{ id: string; owner: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobModel(db.connection)
      .findOne({ kind: 'experiment.unit', status: 'leased', 'payload.unit.kind': 'method' })
      .lean();
    if (job !== null && job.owner !== null && job.owner !== undefined) {
      return { id: job._id.toHexString(), owner: job.owner };
    }
    if (Date.now() > deadline) {
      throw new Error(`no method unit leased after ${timeoutMs} ms\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('parley experiment --distributed, with two workers and one SIGKILLed mid-unit', () => {
  it('completes with the results of a local run, the killed unit taken over', async () => {
    const local = path.join(dir, 'local');
    const reference = await runParley(args(local));
    expect(reference.code, reference.stderr).toBe(0);

    // Short leases (as the other fault tests), so the takeover comes within seconds.
    const env = { PARLEY_JOB_LEASE_SECONDS: '4' };
    workers.push(startWorkerProcess(db.connection.name, env));
    workers.push(startWorkerProcess(db.connection.name, env));
    const out = path.join(dir, 'distributed');
    const command = runParley(args(out, '--distributed'), {
      env: { MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name },
    });

    const job = await leasedMethodUnit(120_000);
    const pid = Number(job.owner.split(':')[1]);
    const victim = workers.find((w) => w.child.pid === pid);
    expect(victim, `owner ${job.owner}`).toBeDefined();
    const exited = new Promise((resolve) => victim!.child.once('exit', resolve));
    victim!.child.kill('SIGKILL');
    await exited;

    const run = await command;
    expect(run.code, `${run.stderr}\n${output()}`).toBe(0);
    expect(run.stderr).toMatch(/8 units on the job queue/);
    expect(run.stderr).toMatch(/seed 2 TDA \(second order\) finished on a worker/);
    expect(splitInvariant(readResults(out))).toEqual(splitInvariant(readResults(local)));
    // The killed worker's unit was leased again by the other and finished there.
    const killed = await jobModel(db.connection).findById(job.id).lean();
    expect(killed?.status).toBe('done');
    expect(killed?.attempts).toBeGreaterThanOrEqual(2);
    // The run directory ends as a local run's: every checkpoint copied out of the database.
    expect(checkpointFiles(out, 1)).toEqual([...checkpointFiles(local, 1), 'initial.ckpt'].sort());
    for (const file of ['summary.md', 'alice.svg', 'bob.svg']) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }

    // Everything is in the directory; the database keeps nothing of the finished run.
    expect(await leftInDatabase(out)).toEqual({ files: 0, unitResults: 0, runs: 0 });

    // The same command again finds its run (its id is in the directory) with nothing left to do.
    const again = await runParley(args(out, '--distributed'), {
      env: { MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name },
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('12 evaluations carried over');
    expect(again.stderr).toMatch(/: 0 units on the job queue/);
    expect(splitInvariant(readResults(out))).toEqual(splitInvariant(readResults(local)));
  }, 300_000);
});

describe('parley experiment --distributed, when a unit fails for good', () => {
  it('fails the command naming the unit and the reason', async () => {
    workers.push(startWorkerProcess(db.connection.name, { PARLEY_JOB_LEASE_SECONDS: '4' }));
    const config = path.join(dir, 'too-small.json');
    // 10 dialogues: fewer than an experiment needs (20), on every attempt.
    fs.writeFileSync(config, JSON.stringify({ data: { dialogues: 10 }, epochs: 1 }));
    const run = await runParley(
      [
        'experiment',
        '--preset',
        'smoke',
        '--config',
        config,
        '--distributed',
        '--out',
        path.join(dir, 'too-small'),
      ],
      { env: { MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /UnitJobFailedError: seed 1 preparation failed on the workers after 1 attempt: DegenerateDataError: D_H has 10 dialogues/,
    );
    expect(run.stderr).toContain('0 of 7 units finished and are kept; run the same command again');
  }, 120_000);
});

describe('parley experiment --distributed on a data file', () => {
  it("gives a local run's results, the workers reading the records the command stored", async () => {
    workers.push(startWorkerProcess(db.connection.name, { PARLEY_JOB_LEASE_SECONDS: '4' }));
    // 45 human dialogues (the tiny configuration's synthetic data would be 60).
    const data = writeHumanDialogues(path.join(dir, 'human.txt'), 45);
    const local = path.join(dir, 'file-local');
    const reference = await runParley([...args(local), '--data', data]);
    expect(reference.code, reference.stderr).toBe(0);
    const env = { MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name };
    const out = path.join(dir, 'file-distributed');
    const run = await runParley([...args(out), '--data', data, '--distributed'], { env });
    expect(run.code, `${run.stderr}\n${output()}`).toBe(0);
    expect(splitInvariant(readResults(out))).toEqual(splitInvariant(readResults(local)));
    expect(await leftInDatabase(out)).toEqual({ files: 0, unitResults: 0, runs: 0 });
    const used = readResults(out).data?.['1']?.used;
    expect(used).toBeGreaterThanOrEqual(20);
    expect(used).toBeLessThanOrEqual(45);

    // A run resumed before it finished, with the file's content changed, would mix two
    // datasets: the stored records refuse other ones (and accept the same again).
    const runId = 'a'.repeat(24);
    const records = (count: number) =>
      readExperimentRecords(writeHumanDialogues(path.join(dir, `r${count}.txt`), count), () => {});
    await storeRunRecords(db.connection, runId, records(30));
    await storeRunRecords(db.connection, runId, records(30));
    await expect(storeRunRecords(db.connection, runId, records(25))).rejects.toThrow(
      /run a{24} started on other data \(\d+ records\) than the \d+ given now/,
    );
    expect(await loadRunRecords(db.connection, runId)).toEqual(records(30));
  }, 300_000);
});
