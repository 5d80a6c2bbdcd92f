import type * as tfType from '@tensorflow/tfjs';
import { astraFactory } from '../../shared/astra/astraNegotiator';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { getDomain } from '../../shared/domain/domains';
import type { Domain } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';
import type { Seat } from '../learning/batchedPlay';
import { clonePolicy, createPolicy, disposePolicy, type Policy } from '../learning/policy';
import type { PolicyConfig } from '../learning/policyConfig';
import type { NoveltyMetric } from '../learning/novelty';
import { reinforce, reinforceState } from '../learning/reinforce';
import { plainReward } from '../learning/reward';
import type { LearnableDialogue } from '../learning/sequenceBatch';
import { trainSupervised } from '../learning/supervised';
import { acquisitionEpoch } from '../learning/targetedAcquisition';
import { evaluateAgainst } from './evaluation';
import { methodName, type ExperimentConfig, type Method } from './experimentConfig';
import { experimentData, type ExperimentData } from './experimentData';
import type { EpochResult } from './experimentResults';

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
    const data = experimentData(domain, config, seed, options.records);
    log(
      `seed ${seed}: D_H ${data.high.length} dialogues, D_L ${data.low.length}${data.skipped.length > 0 ? `, ${data.skipped.length} records skipped` : ''}`,
    );
    if (data.high.length === 0 || (config.init === 'sl-low' && data.low.length === 0)) {
      throw new RangeError(
        `seed ${seed}: no dialogues to learn from (D_H ${data.high.length}, D_L ${data.low.length})`,
      );
    }
    const expert = trainedPolicy(
      tf,
      policyConfig(config, domain, seed * 100 + 1),
      data.high,
      config,
      `${seed}/expert`,
      config.training.expertEpochs,
    );
    const initial =
      config.init === 'scratch'
        ? createPolicy(tf, policyConfig(config, domain, seed * 100 + 2))
        : trainedPolicy(
            tf,
            policyConfig(config, domain, seed * 100 + 2),
            data.low,
            config,
            `${seed}/init`,
            config.training.initEpochs,
          );
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

async function runMethod(args: {
  tf: typeof tfType;
  config: ExperimentConfig;
  domain: Domain;
  data: ExperimentData;
  expert: Policy;
  initial: Policy;
  method: Method;
  seed: number;
  log: (message: string) => void;
  saveCheckpoint?: (seed: number, name: string, policy: Policy) => void;
}): Promise<EpochResult[]> {
  const { tf, config, domain, data, expert, method, seed } = args;
  const name = methodName(method);
  const training = config.training;
  const alice = clonePolicy(args.initial);
  const bob = clonePolicy(args.initial);
  const rl = reinforceState(tf, training.rlLearningRate);
  const bobOptimizer = tf.train.adam(training.slLearningRate);
  const bobData: LearnableDialogue[] = [...data.low];
  const initialActs = bobData.reduce((s, d) => s + d.turns.length, 0);
  let oracleActs = 0;
  const oracle: Seat =
    config.oracle === 'astra'
      ? { negotiator: (_i, rng) => astraFactory()(rng) }
      : { policy: expert };
  const results: EpochResult[] = [];
  const evaluate = async (epoch: number, seconds: number) => {
    // The same evaluation seed every epoch and method (common random numbers), so that
    // differences between epochs and methods are the models', not the sampling's.
    const evaluation = { seed: `${seed}/eval`, temperature: training.evaluationTemperature };
    const result: EpochResult = {
      method: name,
      seed,
      epoch,
      alice: await evaluateAgainst(alice, expert, data.evaluationContexts, evaluation),
      bob: await evaluateAgainst(bob, expert, data.evaluationContexts, evaluation),
      oracleShare: oracleActs / Math.max(1, initialActs + oracleActs),
      seconds,
    };
    args.log(
      `seed ${seed} ${name} epoch ${epoch}: advantage ${fmt(result.alice.advantage)}, Pareto ${pct(result.alice.paretoOptimalRate)}, agreement ${pct(result.alice.agreementRate)}${epoch > 0 ? ` (${seconds.toFixed(1)} s)` : ''}`,
    );
    results.push(result);
  };
  await evaluate(0, 0);
  const rng = createRng(`${seed}/${name}/tasks`);
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = Date.now();
    const contexts = Array.from({ length: config.tasksPerEpoch }, () => domain.sampleContext(rng));
    const reinforceOptions = {
      reward: plainReward,
      gamma: training.gamma,
      batchSize: training.rlBatchSize,
      temperature: training.temperature,
    };
    switch (method.kind) {
      case 'sl':
        break; // the passive baseline: Alice stays the SL model
      case 'rl':
        await reinforce(
          alice,
          { policy: bob },
          contexts,
          { ...reinforceOptions, seed: `${seed}/${epoch}` },
          rl,
        );
        break;
      case 'rl+sl':
        await reinforce(
          alice,
          { policy: bob },
          contexts,
          {
            ...reinforceOptions,
            seed: `${seed}/${epoch}`,
            supervisedEvery: method.every,
            supervisedData: data.low,
          },
          rl,
        );
        break;
      case 're-rl':
        await reinforce(
          alice,
          { policy: bob },
          contexts,
          {
            ...reinforceOptions,
            reward: { paretoBonus: true, normalise: method.normalise },
            seed: `${seed}/${epoch}`,
          },
          rl,
        );
        break;
      case 'tda': {
        const outcome = await acquisitionEpoch(
          { alice, bob, oracle, rl, bobOptimizer },
          contexts,
          bobData,
          {
            seed: `${seed}/${epoch}`,
            annotate: config.annotatePerEpoch,
            metric: config.noveltyMetric as NoveltyMetric,
            order: method.order,
            bobEpochs: training.bobEpochs,
            reinforce: reinforceOptions,
          },
        );
        oracleActs += outcome.oracleActs;
        break;
      }
    }
    await evaluate(epoch, (Date.now() - started) / 1000);
  }
  args.saveCheckpoint?.(seed, `${name}-alice`, alice);
  args.saveCheckpoint?.(seed, `${name}-bob`, bob);
  rl.optimizer.dispose();
  bobOptimizer.dispose();
  disposePolicy(alice);
  disposePolicy(bob);
  return results;
}

function policyConfig(config: ExperimentConfig, domain: Domain, seed: number): PolicyConfig {
  return { domainId: domain.id, ...config.model, seed };
}

function trainedPolicy(
  tf: typeof tfType,
  policyConfig: PolicyConfig,
  data: readonly LearnableDialogue[],
  config: ExperimentConfig,
  seed: string,
  epochs: number,
): Policy {
  const policy = createPolicy(tf, policyConfig);
  const optimizer = tf.train.adam(config.training.slLearningRate);
  trainSupervised(policy, data, { epochs, seed }, optimizer);
  optimizer.dispose();
  return policy;
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) {
    if (predicate(items[i]!)) {
      items.splice(i, 1);
    }
  }
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
