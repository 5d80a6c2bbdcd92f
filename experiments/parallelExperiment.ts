import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExperimentConfig } from './experimentConfig';
import { checkpointFile } from './checkpointDirectory';
import type { DataSummary } from './experimentData';
import type { EpochResult } from './experimentResults';
import {
  nextUnitIndex,
  planUnits,
  preparedCheckpoints,
  unitLabel,
  type ExperimentUnit,
} from './experimentUnits';
import type { FromUnitProcess, ToUnitProcess } from './unitMessages';

const unitEntry = fileURLToPath(new URL('./unitProcess.ts', import.meta.url));

export interface ParallelExperimentOptions {
  config: ExperimentConfig;
  seeds: readonly number[];
  /** The run directory: checkpoints (the units' shared store) go under it. */
  out: string;
  /** Child processes. */
  parallel: number;
  /** Results already on disk (resuming): their (seed, method) units are skipped. */
  previous: readonly EpochResult[];
  /** Data summaries already on disk: with its checkpoints, a seed's preparation is skipped. */
  previousData: Readonly<Record<string, Partial<DataSummary>>>;
  onResult: (result: EpochResult) => void;
  /** After each unit, with its outcome recorded through onResult / onData (for saving). */
  onUnitFinished: (unit: ExperimentUnit) => void;
  onData: (seed: number, summary: Partial<DataSummary>) => void;
  log: (message: string) => void;
}

/** A unit process failed: the command fails, keeping what finished. */
export class UnitProcessError extends Error {
  override name = 'UnitProcessError';
}

interface Slot {
  index: number;
  child: ChildProcess;
  ready: boolean;
  unit: ExperimentUnit | null;
  /** The seed of its last unit: its data is still in the process (experimentUnits.ts). */
  seed: number | null;
  started: number;
}

/**
 * Runs the experiment's units (experiments/experimentUnits.ts) on `parallel` child processes:
 * child processes, not worker threads, because each needs its own TensorFlow.js engine (the
 * native one is not shared safely between threads, and its memory is freed when the process
 * ends). A seed's method units wait for its preparation; a process keeps to its own seeds while
 * they have units (`nextUnitIndex`), otherwise units go out in the order a sequential run would
 * do them. A child that fails or dies fails the command after the others are
 * stopped; every unit that finished was reported already, so the same command resumes. Resolves
 * with the TensorFlow.js backends the processes reported.
 */
export function runExperimentInParallel(options: ParallelExperimentOptions): Promise<string[]> {
  const { config, out, log } = options;
  const isPrepared = (seed: number) =>
    options.previousData[String(seed)]?.expertSelfPlay !== undefined &&
    Object.values(preparedCheckpoints).every((name) =>
      fs.existsSync(checkpointFile(out, seed, name)),
    );
  const queue = planUnits(config, options.seeds, options.previous, isPrepared);
  const prepared = new Set(options.seeds.filter(isPrepared));
  const total = queue.length;
  let finished = 0;
  if (total === 0) {
    return Promise.resolve([]);
  }
  // The TensorFlow.js backends the processes report (one, unless machines differ).
  const backends = new Set<string>();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const slots: Slot[] = [];
    let failure: UnitProcessError | null = null;

    const ready = (unit: ExperimentUnit) => unit.kind === 'prepare' || prepared.has(unit.seed);
    const send = (slot: Slot, message: ToUnitProcess) => slot.child.send(message);

    const settle = () => {
      if (slots.some((slot) => slot.child.exitCode === null && slot.child.signalCode === null)) {
        return;
      }
      if (failure === null) {
        resolve([...backends]);
      } else {
        reject(failure);
      }
    };

    const fail = (slot: Slot, why: string) => {
      if (failure !== null) {
        return;
      }
      const what = slot.unit === null ? 'while starting' : `running ${unitLabel(slot.unit)}`;
      failure = new UnitProcessError(
        `experiment process ${slot.index + 1} (pid ${slot.child.pid}) failed ${what}: ${why}. ` +
          `${finished} of ${total} units finished and are kept; run the same command again to resume.`,
      );
      for (const other of slots) {
        other.child.kill();
      }
    };

    const dispatch = () => {
      if (failure !== null) {
        return;
      }
      for (const slot of slots.filter((s) => s.ready && s.unit === null)) {
        const at = nextUnitIndex(queue, slot.seed, ready);
        if (at < 0) {
          break;
        }
        const [unit] = queue.splice(at, 1);
        slot.unit = unit!;
        slot.seed = unit!.seed;
        slot.started = Date.now();
        send(slot, { type: 'run', unit: unit! });
      }
      if (queue.length === 0 && slots.every((s) => s.unit === null)) {
        // Everything ran: the children exit when their channel closes.
        for (const slot of slots) {
          slot.child.disconnect();
        }
      }
    };

    const receive = (slot: Slot, message: FromUnitProcess) => {
      switch (message.type) {
        case 'ready':
          slot.ready = true;
          backends.add(message.backend);
          log(
            `process ${slot.index + 1} (pid ${slot.child.pid}) ready, TensorFlow.js ${message.backend}`,
          );
          break;
        case 'failed':
          fail(slot, message.message);
          return;
        case 'prepared':
          options.onData(message.seed, message.summary);
          prepared.add(message.seed);
          break;
        case 'finished':
          for (const result of message.results) {
            options.onResult(result);
          }
          break;
      }
      if (slot.unit !== null) {
        const unit = slot.unit;
        slot.unit = null;
        finished += 1;
        options.onUnitFinished(unit);
        log(
          `${unitLabel(unit)} finished on process ${slot.index + 1} in ${((Date.now() - slot.started) / 1000).toFixed(1)} s (${finished} of ${total} units, ${((Date.now() - started) / 1000).toFixed(0)} s in)`,
        );
      }
      dispatch();
    };

    for (let index = 0; index < Math.min(options.parallel, total); index++) {
      const child = fork(unitEntry, [], {
        // Each child runs the engine with one thread per operation (its default here: this
        // model's kernels are too small for two); the processes use the cores
        // (docs/experiments.md, "Running time").
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const slot: Slot = { index, child, ready: false, unit: null, seed: null, started: 0 };
      slots.push(slot);
      child.on('message', (message: FromUnitProcess) => receive(slot, message));
      child.once('exit', (code, signal) => {
        if (slot.unit !== null || (!slot.ready && code !== 0)) {
          fail(slot, signal === null ? `exit code ${code}` : `killed by ${signal}`);
        } else if (queue.length > 0 && failure === null) {
          fail(slot, `exited (${signal ?? code}) with ${queue.length} units left`);
        }
        settle();
      });
      child.once('error', (error) => fail(slot, error.message));
      send(slot, { type: 'setup', config, out });
    }
  });
}
