import { initTensorflow } from '../learning/tensorflowBackend';
import { directoryCheckpointStore } from './checkpointDirectory';
import { readExperimentRecords } from './experimentRecords';
import { runMethodUnit, runPreparationUnit, type UnitContext } from './experimentUnits';
import type { FromUnitProcess, ToUnitProcess } from './unitMessages';

/**
 * A child process of `parley experiment --parallel N` (experiments/parallelExperiment.ts): told
 * the configuration once, then runs one unit at a time as the parent hands them out, and answers
 * each with its results. Its log lines go to the inherited stderr. It exits when the parent
 * disconnects (the parent finished, or died).
 */
let context: UnitContext | undefined;

const send = (message: FromUnitProcess): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );

async function handle(message: ToUnitProcess): Promise<void> {
  if (message.type === 'setup') {
    const { tf, backend } = await initTensorflow();
    const log = (line: string) => console.error(line);
    context = {
      tf,
      config: message.config,
      store: directoryCheckpointStore(message.out),
      log,
      ...(message.config.data.source === 'file'
        ? { records: readExperimentRecords(message.config.data.path, log) }
        : {}),
    };
    await send({ type: 'ready', backend });
    return;
  }
  if (context === undefined) {
    throw new Error('a unit arrived before the setup');
  }
  const { unit } = message;
  if (unit.kind === 'prepare') {
    const summary = await runPreparationUnit(context, unit.seed);
    await send({ type: 'prepared', seed: unit.seed, summary });
  } else {
    const results = await runMethodUnit(context, unit.seed, unit.method);
    await send({ type: 'finished', seed: unit.seed, method: unit.method, results });
  }
}

process.on('message', (message: ToUnitProcess) => {
  handle(message).catch(async (error: unknown) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await send({ type: 'failed', message: text }).catch(() => {});
    process.exit(1);
  });
});
process.once('disconnect', () => process.exit(0));
