import type * as tfType from '@tensorflow/tfjs';
import { createRng } from '../shared/random/rng';
import { optimiserStep } from './gradients';
import type { Policy } from './policyNetwork';
import {
  bothPerspectives,
  buildSequenceBatch,
  type LearnableDialogue,
  type SequenceBatch,
} from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';
import { trainingDefaults } from './trainingDefaults';

export interface SupervisedOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  clipNorm?: number;
  /** Seeds the shuffling (same seed, same batches, same weights). */
  seed: number | string;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** SL loss: act NLL (mean over weighted steps) + α · selection NLL (mean over selected examples). */
export function supervisedLoss(policy: Policy, batch: SequenceBatch): tfType.Scalar {
  const { tf } = policy;
  const logProbs = sequenceLogProbs(policy, batch);
  const stepWeights = tf.tensor2d(batch.stepWeights, [batch.size, batch.steps]);
  const selectionWeights = tf.tensor1d(batch.selectionWeights);
  const actNll = tf.div(
    tf.neg(tf.sum(tf.mul(logProbs.acts, stepWeights))),
    tf.maximum(tf.sum(stepWeights), 1),
  );
  const selectionNll = tf.div(
    tf.neg(tf.sum(tf.mul(logProbs.selections, selectionWeights))),
    tf.maximum(tf.sum(selectionWeights), 1),
  );
  return tf.add<tfType.Scalar>(actNll, tf.mul(selectionNll, policy.config.selectionWeight));
}

/**
 * Supervised learning on dialogues (both sides of each). Returns the mean loss of each epoch.
 * The optimiser is passed in so that RL+SL can interleave SL steps with its own optimiser state.
 */
export function trainSupervised(
  policy: Policy,
  dialogues: readonly LearnableDialogue[],
  options: SupervisedOptions,
  optimizer: tfType.Optimizer = policy.tf.train.adam(
    options.learningRate ?? trainingDefaults.slLearningRate,
  ),
): number[] {
  const batchSize = options.batchSize ?? 64;
  const examples = bothPerspectives(dialogues);
  const domain = policy.shapes.domain;
  const rng = createRng(`sl/${options.seed}`);
  const epochLosses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = rng.shuffle(examples);
    let total = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = buildSequenceBatch(domain, order.slice(start, start + batchSize));
      total += optimiserStep(
        policy,
        optimizer,
        () => supervisedLoss(policy, batch),
        options.clipNorm ?? 5,
      );
      batches++;
    }
    const meanLoss = total / Math.max(1, batches);
    epochLosses.push(meanLoss);
    options.onEpoch?.(epoch, meanLoss);
  }
  return epochLosses;
}
