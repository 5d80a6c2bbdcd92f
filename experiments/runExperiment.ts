import type * as tfType from '@tensorflow/tfjs';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { getDomain } from '../shared/domain/domains';
import { disposePolicy, type Policy } from '../learning/policy';
import { methodName, type ExperimentConfig } from './experimentConfig';
import type { DataSummary } from './experimentData';
import type { EpochResult } from './experimentResults';
import { runMethod } from './methodRun';
import { prepareSeed } from './seedPreparation';

export interface RunExperimentOptions {
  tf: typeof tfType;
  config: ExperimentConfig;
  seeds: readonly number[];
  /** D_H records when `config.data.source` is `file`. */
  records?: readonly DialogueRecord[];
  /** Results already on disk (resuming): (seed, method) pairs with every epoch are skipped. */
  previous?: readonly EpochResult[];
  /** Called after each evaluation, and with each (seed, method) run finished (for saving). */
  onResult?: (result: EpochResult) => void;
  onRunFinished?: (seed: number, method: string) => void;
  /** Receives each method's final Alice and Bob (and each seed's expert) to keep them. */
  saveCheckpoint?: (seed: number, name: string, policy: Policy) => void;
  log?: (message: string) => void;
  /** What each seed's data was (used, left out and why, D_H/D_L statistics, the expert's self-play). */
  onData?: (seed: number, summary: Partial<DataSummary>) => void;
}

/**
 * The paper's simulated active-learning comparison: per seed, an expert (SL on D_H) and an
 * initial Alice/Bob (SL on D_L, or random for `scratch`); then each method trains for the
 * configured epochs and, after every epoch, Alice and Bob are evaluated against the expert on
 * held-out contexts.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<EpochResult[]> {
  const { tf, config } = options;
  const domain = getDomain(config.domain);
  const log = options.log ?? (() => {});
  const results: EpochResult[] = [...(options.previous ?? [])];
  const done = (seed: number, method: string) =>
    results.filter((r) => r.seed === seed && r.method === method).length === config.epochs + 1;
  for (const seed of options.seeds) {
    const pending = config.methods.filter((m) => !done(seed, methodName(m)));
    if (pending.length === 0) {
      continue;
    }
    // A run cut short left partial epochs: they are redone from the start of the method.
    for (const m of pending) {
      removeWhere(results, (r) => r.seed === seed && r.method === methodName(m));
    }
    const { data, expert, initial } = await prepareSeed({
      tf,
      config,
      domain,
      seed,
      log,
      ...(options.records === undefined ? {} : { records: options.records }),
      ...(options.onData === undefined ? {} : { onData: options.onData }),
    });
    for (const method of pending) {
      const name = methodName(method);
      const run = await runMethod({
        tf,
        config,
        domain,
        data,
        expert,
        initial,
        method,
        seed,
        log,
        ...(options.saveCheckpoint === undefined ? {} : { saveCheckpoint: options.saveCheckpoint }),
      });
      for (const result of run) {
        results.push(result);
        options.onResult?.(result);
      }
      options.onRunFinished?.(seed, name);
    }
    options.saveCheckpoint?.(seed, 'expert', expert);
    disposePolicy(expert);
    disposePolicy(initial);
  }
  return results;
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) {
    if (predicate(items[i]!)) {
      items.splice(i, 1);
    }
  }
}
