import type * as tfType from '@tensorflow/tfjs';
import { astraFactory } from '../shared/astra/astraNegotiator';
import type { Domain } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import type { Seat } from '../learning/batchedPlay';
import type { NoveltyMetric } from '../learning/novelty';
import { clonePolicy, disposePolicy, type Policy } from '../learning/policy';
import { reinforce, reinforceState } from '../learning/reinforce';
import { plainReward } from '../learning/reward';
import type { LearnableDialogue } from '../learning/sequenceBatch';
import { acquisitionEpoch } from '../learning/acquisition/epoch';
import { oracleShareOf } from '../learning/acquisition/retraining';
import { evaluateAgainst } from '../learning/evaluation';
import { methodName, type ExperimentConfig, type Method } from './experimentConfig';
import type { ExperimentData } from './experimentData';
import type { EpochResult } from './experimentResults';
import { FlatAdam } from '../learning/adam';

/**
 * One method's run for one seed: Alice and Bob start from the initial policy, train for the
 * configured epochs, and are evaluated against the expert before the first epoch and after each.
 */
export async function runMethod(args: {
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
  const bobOptimizer = new FlatAdam(tf, training.slLearningRate);
  const bobData: LearnableDialogue[] = [...data.low];
  let oracleActs = 0;
  const oracle: Seat =
    config.oracle === 'astra'
      ? { negotiator: (_i, rng) => astraFactory()(rng) }
      : { policy: expert };
  const results: EpochResult[] = [];
  const evaluate = async (epoch: number, seconds: number, annotatedOracleShare: number | null) => {
    // The same evaluation seed every epoch and method (common random numbers), so that
    // differences between epochs and methods are the models', not the sampling's.
    const evaluation = { seed: `${seed}/eval`, temperature: training.evaluationTemperature };
    const result: EpochResult = {
      method: name,
      seed,
      epoch,
      alice: await evaluateAgainst(alice, expert, data.evaluationContexts, evaluation),
      bob: await evaluateAgainst(bob, expert, data.evaluationContexts, evaluation),
      oracleShare: oracleShareOf(bobData, oracleActs),
      annotatedOracleShare,
      seconds,
    };
    args.log(
      `seed ${seed} ${name} epoch ${epoch}: advantage ${fmt(result.alice.advantage)}, Pareto ${pct(result.alice.paretoOptimalRate)}, agreement ${pct(result.alice.agreementRate)}${epoch > 0 ? ` (${seconds.toFixed(1)} s)` : ''}`,
    );
    results.push(result);
  };
  await evaluate(0, 0, null);
  const rng = createRng(`${seed}/${name}/tasks`);
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = Date.now();
    let annotatedOracleShare: number | null = null;
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
        annotatedOracleShare =
          outcome.annotated.length === 0
            ? null
            : oracleShareOf(outcome.annotated, outcome.oracleActs);
        break;
      }
    }
    await evaluate(epoch, (Date.now() - started) / 1000, annotatedOracleShare);
  }
  args.saveCheckpoint?.(seed, `${name}-alice`, alice);
  args.saveCheckpoint?.(seed, `${name}-bob`, bob);
  rl.optimizer.dispose();
  bobOptimizer.dispose();
  disposePolicy(alice);
  disposePolicy(bob);
  return results;
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
