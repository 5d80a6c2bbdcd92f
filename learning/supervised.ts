import type * as tfType from '@tensorflow/tfjs';
import type { Domain } from '../shared/domain/types';
import { createRng, type Rng } from '../shared/random/rng';
import { optimiserStep } from './gradients';
import type { Policy } from './policyNetwork';
import {
  bothPerspectives,
  buildSequenceBatch,
  type LearnableDialogue,
  type PerspectiveExample,
  type SequenceBatch,
} from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';
import { trainingDefaults } from './trainingDefaults';
import { FlatAdam } from './adam';

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
  optimizer?: FlatAdam,
): number[] {
  const adam =
    optimizer ?? new FlatAdam(policy.tf, options.learningRate ?? trainingDefaults.slLearningRate);
  const examples = bothPerspectives(dialogues);
  const rng = createRng(`sl/${options.seed}`);
  const epochLosses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let total = 0;
    let batches = 0;
    for (const batch of supervisedBatches(policy.shapes.domain, examples, rng, options.batchSize)) {
      total += supervisedStep(policy, adam, batch, options.clipNorm);
      batches++;
    }
    const meanLoss = total / Math.max(1, batches);
    epochLosses.push(meanLoss);
    options.onEpoch?.(epoch, meanLoss);
  }
  if (optimizer === undefined) {
    adam.dispose();
  }
  return epochLosses;
}

/** The batches of one SL epoch: the examples shuffled by `rng`, each batch built when asked for. */
export function* supervisedBatches(
  domain: Domain,
  examples: readonly PerspectiveExample[],
  rng: Rng,
  batchSize = 64,
): Generator<SequenceBatch> {
  const order = rng.shuffle(examples);
  for (let start = 0; start < order.length; start += batchSize) {
    yield buildSequenceBatch(domain, order.slice(start, start + batchSize));
  }
}

/** One SL optimiser step on a batch (gradients clipped to `clipNorm`); returns the batch's loss. */
export function supervisedStep(
  policy: Policy,
  optimizer: FlatAdam,
  batch: SequenceBatch,
  clipNorm = 5,
): number {
  return optimiserStep(policy, optimizer, () => supervisedLoss(policy, batch), clipNorm);
}
