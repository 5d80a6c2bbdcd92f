import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { jobKinds } from '../../platform/jobs/jobKinds';
import { jobModel } from '../../platform/jobs/jobModel';
import { createJobQueue } from '../../platform/jobs/jobQueue';
import {
  experimentRunModel,
  experimentUnitResultModel,
  type ExperimentUnitResultDoc,
} from '../../platform/experimentRuns/experimentRunModels';
import { directoryCheckpointStore } from '../checkpointDirectory';
import { methodName, type ExperimentConfig } from '../experimentConfig';
import type { DataSummary } from '../experimentData';
import type { EpochResult } from '../experimentResults';
import { planUnits, preparedCheckpoints, unitLabel, type ExperimentUnit } from '../experimentUnits';
import { experimentCheckpointBucket, gridCheckpointStore } from './gridCheckpointStore';
import { storeRunRecords } from './runRecords';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { writeFileAtomic } from '../../learning/atomicFile';

export interface DistributedExperimentOptions {
  connection: Connection;
  config: ExperimentConfig;
  seeds: readonly number[];
  /** The run directory: results as a local run writes them, and the run's id for resuming. */
  out: string;
  /** D_H records when `config.data.source` is `file`: stored with the run for the workers. */
  records?: readonly DialogueRecord[];
  previous: readonly EpochResult[];
  onResult: (result: EpochResult) => void;
  onUnitFinished: (unit: ExperimentUnit) => void;
  onData: (seed: number, summary: Partial<DataSummary>) => void;
  log: (message: string) => void;
  /** How often the database is read for finished units. */
  pollMs?: number;
}

/** A unit's job failed for good on the workers: the command fails, keeping what finished. */
export class UnitJobFailedError extends Error {
  override name = 'UnitJobFailedError';
}

const unitJob = 'experiment.unit';

/**
 * `parley experiment --distributed`: the units become `experiment.unit` jobs on the platform's
 * queue, which every `parley worker` on the database leases (a killed worker's unit is taken
 * over when its lease expires). A seed's method units are enqueued once its preparation has
 * left its checkpoints in GridFS. This process only waits, reading the units' result records;
 * it copies each finished unit's checkpoints into the run directory, so the directory ends as
 * a local run's would. Interrupted, the same command finds the run again (its id is in the
 * directory) with whatever the workers finished meanwhile.
 */
export async function runExperimentDistributed(
  options: DistributedExperimentOptions,
): Promise<void> {
  const { connection, config, out, log } = options;
  const runId = await openRun(connection, config, out);
  if (options.records !== undefined) {
    await storeRunRecords(connection, runId, options.records);
  }
  const queue = createJobQueue(connection, jobKinds);
  const grid = gridCheckpointStore(connection, runId);
  const local = directoryCheckpointStore(out);
  const key = (seed: number, unit: string) => `${seed}/${unit}`;
  const finished = new Set(
    config.methods
      .map(methodName)
      .flatMap((m) => options.seeds.map((s) => key(s, m)))
      .filter(
        (k) =>
          options.previous.filter((r) => key(r.seed, r.method) === k).length === config.epochs + 1,
      ),
  );
  const prepared = new Set<number>();
  const seen = new Set<string>();
  const jobIds: string[] = [];

  const copyCheckpoints = async (seed: number, names: readonly string[]) => {
    for (const name of names) {
      const bytes = await grid.get(seed, name);
      if (bytes !== null) {
        await local.put(seed, name, bytes);
      }
    }
  };
  /** A result record not seen before: its numbers go where a local unit's would. */
  const absorb = async (doc: ExperimentUnitResultDoc, announce: (unit: ExperimentUnit) => void) => {
    const unit: ExperimentUnit =
      doc.unit === 'prepare'
        ? { kind: 'prepare', seed: doc.seed }
        : { kind: 'method', seed: doc.seed, method: doc.unit };
    if (unit.kind === 'prepare') {
      if (prepared.has(unit.seed)) {
        return;
      }
      prepared.add(unit.seed);
      options.onData(unit.seed, doc.summary as Partial<DataSummary>);
      await copyCheckpoints(unit.seed, Object.values(preparedCheckpoints));
    } else {
      if (finished.has(key(unit.seed, unit.method))) {
        return;
      }
      finished.add(key(unit.seed, unit.method));
      for (const result of doc.results as EpochResult[]) {
        options.onResult(result);
      }
      await copyCheckpoints(unit.seed, [`${unit.method}-alice`, `${unit.method}-bob`]);
    }
    options.onUnitFinished(unit);
    announce(unit);
  };
  const readResults = () =>
    experimentUnitResultModel(connection).find({ runId }).lean<ExperimentUnitResultDoc[]>().exec();

  // What the workers finished while no command was waiting counts as done.
  for (const doc of await readResults()) {
    seen.add(doc._id);
    await absorb(doc, () => {});
  }
  const methodUnits = planUnits(config, options.seeds, [], (seed) => prepared.has(seed)).filter(
    (unit) => unit.kind === 'prepare' || !finished.has(key(unit.seed, unit.method)),
  );
  // A seed whose methods all finished needs no preparation (its records may have been removed).
  const units = methodUnits.filter(
    (unit) =>
      unit.kind === 'method' ||
      methodUnits.some((other) => other.kind === 'method' && other.seed === unit.seed),
  );
  const total = units.length;
  let done = 0;
  const waiting = new Set(units.map((unit) => unitLabel(unit)));
  const enqueue = async (unit: ExperimentUnit) => {
    const existing = await jobModel(connection)
      .findOne({
        kind: unitJob,
        'payload.runId': runId,
        'payload.unit.kind': unit.kind,
        'payload.unit.seed': unit.seed,
        ...(unit.kind === 'method' ? { 'payload.unit.method': unit.method } : {}),
        status: { $in: ['queued', 'leased'] },
      })
      .lean()
      .exec();
    const job = existing ?? (await queue.enqueue(unitJob, { runId, unit }));
    jobIds.push(job._id.toHexString());
  };
  for (const unit of units) {
    if (unit.kind === 'prepare' || prepared.has(unit.seed)) {
      await enqueue(unit);
    }
  }
  log(
    `run ${runId}: ${total} units on the job queue; waiting for \`parley worker\` processes on this database`,
  );
  const started = Date.now();
  while (waiting.size > 0) {
    let progressed = false;
    for (const doc of await readResults()) {
      if (seen.has(doc._id)) {
        continue;
      }
      seen.add(doc._id);
      progressed = true;
      await absorb(doc, (unit) => {
        if (!waiting.delete(unitLabel(unit))) {
          return;
        }
        done += 1;
        log(
          `${unitLabel(unit)} finished on a worker in ${doc.seconds.toFixed(1)} s (${done} of ${total} units, ${((Date.now() - started) / 1000).toFixed(0)} s in)`,
        );
      });
      if (doc.unit === 'prepare') {
        for (const unit of units) {
          if (unit.kind === 'method' && unit.seed === doc.seed) {
            await enqueue(unit);
          }
        }
      }
    }
    const failed = await jobModel(connection)
      .findOne({ _id: { $in: jobIds }, status: 'failed' })
      .lean()
      .exec();
    if (failed !== null) {
      const unit = (failed.payload as { unit: ExperimentUnit }).unit;
      throw new UnitJobFailedError(
        `${unitLabel(unit)} failed on the workers after ${failed.attempts === 1 ? '1 attempt' : `${failed.attempts} attempts`}: ${failed.error ?? 'no reason given'}. ` +
          `${done} of ${total} units finished and are kept; run the same command again to resume.`,
      );
    }
    if (!progressed) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
    }
  }
  // Everything is in the run directory now; the database keeps nothing of a finished run.
  await removeRun(connection, runId);
  log(`run ${runId} finished: its checkpoints, data and unit results removed from the database`);
}

/** A finished run's GridFS files (checkpoints, data), unit results and configuration. */
async function removeRun(connection: Connection, runId: string): Promise<void> {
  const bucket = new mongoose.mongo.GridFSBucket(connection.db!, {
    bucketName: experimentCheckpointBucket,
  });
  const files = await bucket.find({ filename: { $regex: `^${runId}/` } }).toArray();
  for (const file of files) {
    await bucket.delete(file._id);
  }
  await experimentUnitResultModel(connection).deleteMany({ runId }).exec();
  await experimentRunModel(connection).deleteOne({ _id: runId }).exec();
}

/** The run's id from the directory (resuming), or a new run recorded with its configuration. */
async function openRun(connection: Connection, config: ExperimentConfig, out: string) {
  const file = path.join(out, 'distributed-run.json');
  const runId = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { runId: string }).runId
    : new mongoose.Types.ObjectId().toHexString();
  await experimentRunModel(connection).updateOne(
    { _id: runId },
    { $setOnInsert: { config, createdAt: new Date() } },
    { upsert: true },
  );
  writeFileAtomic(file, `${JSON.stringify({ runId }, null, 1)}\n`);
  return runId;
}
