import type * as tfType from '@tensorflow/tfjs';
import { stepKinds } from './policyWeights';
import {
  actLogits,
  embedTokensTrainable,
  encodeContext,
  gruStep,
  maskedLogSoftmax,
  selectionScores,
  type Policy,
} from './policyNetwork';
import type { SequenceBatch } from './sequenceBatch';

export interface SequenceLogProbs {
  /** [N, S]: log p(target act) at each step (meaningless where the step weight is 0). */
  acts: tfType.Tensor2D;
  /** [N]: log p(selection target) (meaningless where the selection weight is 0). */
  selections: tfType.Tensor1D;
}

/**
 * Teacher-forced log-probabilities of a batch under a policy, differentiable with respect to
 * its weights (call inside `optimizer.minimize` / `tf.tidy`). Used for SL, REINFORCE and for
 * scoring stored dialogues (novelty).
 */
export function sequenceLogProbs(policy: Policy, batch: SequenceBatch): SequenceLogProbs {
  const { tf, shapes } = policy;
  const { size: N, steps: S } = batch;
  const V = shapes.vocabularySize;
  const context = encodeContext(policy, tf.tensor2d(batch.features, [N, shapes.features]));
  let state: tfType.Tensor2D = tf.zeros([N, policy.config.hidden]);
  const stepLogProbs: tfType.Tensor1D[] = [];
  const selectionPick = new Float32Array(N * S);
  batch.selectionStep.forEach((step, n) => (selectionPick[n * S + step] = 1));
  let selectionState: tfType.Tensor2D = tf.zeros([N, policy.config.hidden]);
  for (let t = 0; t < S; t++) {
    const tokens = tf.tensor1d(column(batch.tokens, N, S, t), 'int32');
    const kinds = tf.tensor2d(rows(batch.kinds, N, S, t, stepKinds), [N, stepKinds]);
    state = gruStep(policy, embedTokensTrainable(policy, tokens), kinds, context, state);
    const pick = tf.tensor2d(column(selectionPick, N, S, t), [N, 1]);
    selectionState = tf.add(selectionState, tf.mul(state, pick));
    const logProbs = maskedLogSoftmax(
      tf,
      actLogits(policy, state),
      tf.tensor2d(rows(batch.actMasks, N, S, t, V), [N, V]),
    );
    const targets = tf.oneHot(tf.tensor1d(column(batch.targets, N, S, t), 'int32'), V).toFloat();
    stepLogProbs.push(tf.sum(tf.mul(logProbs, targets), 1));
  }
  const M = batch.candidates;
  const selectionLogProbs = maskedLogSoftmax(
    tf,
    selectionScores(
      policy,
      selectionState,
      context,
      tf.tensor2d(batch.candidateFeatures, [N * M, shapes.candidateFeatures]),
    ),
    tf.tensor2d(batch.candidateMasks, [N, M]),
  );
  const selectionTargets = tf.oneHot(tf.tensor1d(batch.selectionTargets, 'int32'), M).toFloat();
  return {
    acts: tf.stack(stepLogProbs, 1) as tfType.Tensor2D,
    selections: tf.sum(tf.mul(selectionLogProbs, selectionTargets), 1),
  };
}

/** Column t of an [N, S] array. */
function column<T extends Int32Array | Float32Array>(data: T, N: number, S: number, t: number): T {
  const out = new (data.constructor as new (n: number) => T)(N);
  for (let n = 0; n < N; n++) {
    out[n] = data[n * S + t]!;
  }
  return out;
}

/** Rows [n, t, :] of an [N, S, W] array, as [N, W]. */
function rows(data: Float32Array, N: number, S: number, t: number, W: number): Float32Array {
  const out = new Float32Array(N * W);
  for (let n = 0; n < N; n++) {
    out.set(data.subarray((n * S + t) * W, (n * S + t + 1) * W), n * W);
  }
  return out;
}
