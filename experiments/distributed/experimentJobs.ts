import type { Connection } from 'mongoose';
import type { ExperimentJobKinds } from '../../platform/jobs/jobKinds';
import type { JobHandlers } from '../../platform/jobs/jobRegistry';
import type { Logger } from '../../platform/logger';
import {
  experimentRunModel,
  experimentUnitResultModel,
} from '../../platform/experimentRuns/experimentRunModels';
import { experimentConfigSchema } from '../experimentConfig';
import { DegenerateDataError } from '../experimentData';
import { runMethodUnit, runPreparationUnit, unitLabel, type UnitContext } from '../experimentUnits';
import { gridCheckpointStore } from './gridCheckpointStore';
import { loadRunRecords } from './runRecords';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { unitResultId } from './unitResultId';

/**
 * The handler of `experiment.unit` jobs: runs one unit of a distributed run (its configuration
 * from `experimentRuns`, its checkpoints in GridFS) and records what it found under the unit's
 * own id, which a rerun overwrites with the same numbers (jobs run at least once).
 */
export function experimentJobHandlers(deps: {
  connection: Connection;
  log: Logger;
}): JobHandlers<ExperimentJobKinds> {
  const { connection, log } = deps;
  return {
    'experiment.unit': async ({ runId, unit }, { jobId, attempt }) => {
      const run = await experimentRunModel(connection).findById(runId).lean().exec();
      if (run === null) {
        return { status: 'failed', error: `no experiment run ${runId}` };
      }
      const config = experimentConfigSchema.safeParse(run.config);
      if (!config.success) {
        return { status: 'failed', error: `run ${runId} has an invalid configuration` };
      }
      let records: DialogueRecord[] | undefined;
      if (config.data.data.source === 'file') {
        records = (await loadRunRecords(connection, runId)) ?? undefined;
        if (records === undefined) {
          return {
            status: 'failed',
            error: `run ${runId} reads ${config.data.data.path}, but its command stored no records`,
          };
        }
      }
      // Loaded in the processes that run units only (STYLE habit 7).
      const { initTensorflow } = await import('../../learning/tensorflowBackend');
      const { tf } = await initTensorflow();
      const context: UnitContext = {
        tf,
        config: config.data,
        store: gridCheckpointStore(connection, runId),
        ...(records === undefined ? {} : { records }),
        log: (message) => log.info({ runId, jobId }, message),
      };
      const started = Date.now();
      log.info({ runId, jobId, attempt }, `${unitLabel(unit)} started`);
      let found: { summary: unknown; results: unknown };
      try {
        found =
          unit.kind === 'prepare'
            ? { summary: await runPreparationUnit(context, unit.seed), results: null }
            : { summary: null, results: await runMethodUnit(context, unit.seed, unit.method) };
      } catch (error) {
        // Data that cannot support the experiment stays so on every attempt: fail at once.
        if (error instanceof DegenerateDataError) {
          return { status: 'failed', error: `${error.name}: ${error.message}` };
        }
        throw error;
      }
      const name = unit.kind === 'prepare' ? 'prepare' : unit.method;
      await experimentUnitResultModel(connection).replaceOne(
        { _id: unitResultId(runId, unit.seed, name) },
        {
          runId,
          seed: unit.seed,
          unit: name,
          ...found,
          jobId,
          seconds: (Date.now() - started) / 1000,
          finishedAt: new Date(),
        },
        { upsert: true },
      );
      return { status: 'done' };
    },
  };
}
