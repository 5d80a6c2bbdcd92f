import type * as tfType from '@tensorflow/tfjs';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { getDomain } from '../shared/domain/domains';
import type { Domain } from '../shared/domain/types';
import { deserializePolicy, serializePolicy } from '../learning/checkpoint';
import { disposePolicy, type Policy } from '../learning/policy';
import { methodName, type ExperimentConfig, type Method } from './experimentConfig';
import { experimentData, type DataSummary, type ExperimentData } from './experimentData';
import type { EpochResult } from './experimentResults';
import { runMethod } from './methodRun';
import { prepareSeed } from './seedPreparation';

/**
 * A piece of an experiment that another process (or machine) can run on its own. Each seed has
 * one `prepare` unit (its data, expert and initial policy: SL epochs that every method of the
 * seed would otherwise repeat) and one `method` unit per method, which starts from the weights
 * the preparation stored. (seed, method) granularity rather than whole seeds: the smoke and paper
 * presets have 6 methods a seed, so even one seed keeps 2 processes busy, and the units are short
 * enough that a resumed run loses little. float32 weights round-trip exactly through a
 * checkpoint, so a unit that loads them computes what the sequential run computes in memory.
 */
export type ExperimentUnit =
  { kind: 'prepare'; seed: number } | { kind: 'method'; seed: number; method: string };

/** Where units leave and find checkpoints (bytes as learning/checkpoint.ts writes them). */
export interface CheckpointStore {
  put(seed: number, name: string, bytes: Uint8Array): Promise<void>;
  /** null when there is none. */
  get(seed: number, name: string): Promise<Uint8Array | null>;
}

/** The checkpoint names a preparation leaves for the method units of its seed. */
export const preparedCheckpoints = { expert: 'expert', initial: 'initial' } as const;

export function unitLabel(unit: ExperimentUnit): string {
  return unit.kind === 'prepare'
    ? `seed ${unit.seed} preparation`
    : `seed ${unit.seed} ${unit.method}`;
}

/**
 * The units still to run, in the order a sequential run would do them: per seed, its preparation
 * (unless `isPrepared` says an earlier run left it), then each method without every epoch in
 * `previous`.
 */
export function planUnits(
  config: ExperimentConfig,
  seeds: readonly number[],
  previous: readonly EpochResult[],
  isPrepared: (seed: number) => boolean,
): ExperimentUnit[] {
  const units: ExperimentUnit[] = [];
  for (const seed of seeds) {
    const pending = config.methods
      .map(methodName)
      .filter(
        (name) =>
          previous.filter((r) => r.seed === seed && r.method === name).length !== config.epochs + 1,
      );
    if (pending.length === 0) {
      continue;
    }
    if (!isPrepared(seed)) {
      units.push({ kind: 'prepare', seed });
    }
    units.push(...pending.map((method) => ({ kind: 'method' as const, seed, method })));
  }
  return units;
}

/**
 * Which queued unit a free process takes next (the queue's index, or -1 when none is ready).
 * First a unit of the seed the process worked on last (its data is still in memory, see
 * `seedData`), then a preparation (a new seed, which becomes its own), then any ready unit. So
 * processes keep to their own seeds, each seed's data is made once, as in a sequential run, and a
 * process with nothing of its own left helps with another's.
 */
export function nextUnitIndex(
  queue: readonly ExperimentUnit[],
  lastSeed: number | null,
  isReady: (unit: ExperimentUnit) => boolean,
): number {
  const own = queue.findIndex((unit) => unit.seed === lastSeed && isReady(unit));
  if (own >= 0) {
    return own;
  }
  const preparation = queue.findIndex((unit) => unit.kind === 'prepare');
  return preparation >= 0 ? preparation : queue.findIndex(isReady);
}

export interface UnitContext {
  tf: typeof tfType;
  config: ExperimentConfig;
  /** D_H records when `config.data.source` is `file`. */
  records?: readonly DialogueRecord[];
  store: CheckpointStore;
  log: (message: string) => void;
}

/** Runs a seed's preparation and stores its expert and initial policy; returns its data summary. */
export async function runPreparationUnit(
  context: UnitContext,
  seed: number,
): Promise<Partial<DataSummary>> {
  const { tf, config, store } = context;
  let summary: Partial<DataSummary> = {};
  const prepared = await prepareSeed({
    tf,
    config,
    domain: getDomain(config.domain),
    seed,
    log: context.log,
    ...(context.records === undefined ? {} : { records: context.records }),
    onData: (_seed, part) => (summary = { ...summary, ...part }),
  });
  lastSeedData.set(context, { seed, data: prepared.data });
  try {
    await store.put(
      seed,
      preparedCheckpoints.expert,
      checkpointBytes(prepared.expert, 'expert', seed),
    );
    await store.put(
      seed,
      preparedCheckpoints.initial,
      checkpointBytes(prepared.initial, 'initial', seed),
    );
  } finally {
    disposePolicy(prepared.expert);
    disposePolicy(prepared.initial);
  }
  return summary;
}

/**
 * Runs one method of a seed from the stored expert and initial policy (the data is drawn again
 * from the seed: it is deterministic; a process keeps its last seed's, from the preparation or
 * an earlier method, as `nextUnitIndex` gives it units of that seed), and stores its final Alice
 * and Bob as the sequential run does.
 */
export async function runMethodUnit(
  context: UnitContext,
  seed: number,
  name: string,
): Promise<EpochResult[]> {
  const { tf, config, store } = context;
  const method = methodOf(config, name);
  const domain = getDomain(config.domain);
  const data = seedData(context, domain, seed);
  const expert = await loadPolicy(context, seed, preparedCheckpoints.expert);
  const initial = await loadPolicy(context, seed, preparedCheckpoints.initial);
  const finals: { name: string; bytes: Uint8Array }[] = [];
  try {
    const results = await runMethod({
      tf,
      config,
      domain,
      data,
      expert,
      initial,
      method,
      seed,
      log: context.log,
      saveCheckpoint: (s, role, policy) =>
        finals.push({ name: role, bytes: checkpointBytes(policy, role, s) }),
    });
    for (const final of finals) {
      await store.put(seed, final.name, final.bytes);
    }
    return results;
  } finally {
    disposePolicy(expert);
    disposePolicy(initial);
  }
}

/**
 * Each context's last seed's data. Methods read the data and never change it: a sequential run
 * hands the same data to every method of a seed in turn, and split runs give its results.
 */
const lastSeedData = new WeakMap<UnitContext, { seed: number; data: ExperimentData }>();

function seedData(context: UnitContext, domain: Domain, seed: number): ExperimentData {
  const last = lastSeedData.get(context);
  if (last?.seed === seed) {
    return last.data;
  }
  const data = experimentData(domain, context.config, seed, context.records);
  lastSeedData.set(context, { seed, data });
  return data;
}

/** A method unit whose preparation is missing names it (a store emptied between the two). */
export class MissingPreparationError extends Error {
  override name = 'MissingPreparationError';
}

async function loadPolicy(context: UnitContext, seed: number, name: string): Promise<Policy> {
  const bytes = await context.store.get(seed, name);
  if (bytes === null) {
    throw new MissingPreparationError(
      `seed ${seed}: no ${name} checkpoint; its preparation unit has not run (or its checkpoint was removed)`,
    );
  }
  return deserializePolicy(context.tf, bytes).policy;
}

function methodOf(config: ExperimentConfig, name: string): Method {
  const method = config.methods.find((m) => methodName(m) === name);
  if (method === undefined) {
    throw new RangeError(
      `no method "${name}" in the configuration (${config.methods.map(methodName).join(', ')})`,
    );
  }
  return method;
}

function checkpointBytes(policy: Policy, role: string, seed: number): Uint8Array {
  return serializePolicy(policy, { createdAt: new Date().toISOString(), role, seed });
}
