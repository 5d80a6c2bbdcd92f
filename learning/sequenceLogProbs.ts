import type * as tfType from '@tensorflow/tfjs';
import { gruRecurrence } from './gruRecurrence';
import { stepKinds } from './policyWeights';
import { encodeContext, maskedLogSoftmax, selectionScores, type Policy } from './policyNetwork';
import type { SequenceBatch } from './sequenceBatch';

export interface SequenceLogProbs {
  /** [N, S]: log p(target act) at each step (meaningless where the step weight is 0). */
  acts: tfType.Tensor2D;
  /** [N]: log p(selection target) (meaningless where the selection weight is 0). */
  selections: tfType.Tensor1D;
}

type Tensor2D = tfType.Tensor2D;

/**
 * Teacher-forced log-probabilities of a batch under a policy, differentiable with respect to
 * its weights (call inside `optimizer.minimize` / `tf.tidy`). Used for SL, REINFORCE and for
 * scoring stored dialogues (novelty).
 *
 * The same GRU as `gruStep` (policyNetwork.ts), arranged for few kernel calls: every step's
 * input is known up front (teacher forcing), so the embedding and the input side of the gates
 * are one product over all S steps, and the act head is one product over all states; only the
 * recurrent product and the gate arithmetic run per step. Per-op overhead, not arithmetic,
 * bounds this model's training (hidden 64), so this is what makes an epoch fast on every backend.
 */
export function sequenceLogProbs(policy: Policy, batch: SequenceBatch): SequenceLogProbs {
  const { tf, shapes, weights } = policy;
  const { size: N, steps: S } = batch;
  const V = shapes.vocabularySize;
  const H = policy.config.hidden;
  const C = policy.config.context;
  // Time-major arrays: row t·N + n is example n at step t.
  const context = encodeContext(policy, tf.tensor2d(batch.features, [N, shapes.features]));
  const embedded = tf.matMul(
    tf.oneHot(tf.tensor1d(timeMajor(batch.tokens, N, S, 1), 'int32'), V + 1).toFloat(),
    weights.embedding,
  );
  const kinds = tf.tensor2d(timeMajor(batch.kinds, N, S, stepKinds), [S * N, stepKinds]);
  const contexts = tf.reshape(tf.tile(tf.expandDims(context, 0), [S, 1, 1]), [S * N, C]);
  const inputs = tf.add(
    tf.matMul(tf.concat([embedded, kinds, contexts], 1), weights.inputW),
    weights.gateB,
  );
  // Update and reset gates share one recurrent product; the candidate has its own (its
  // recurrent part is reset-gated, reset_after).
  const [inputGates, inputCandidates] = tf.split(inputs, [2 * H, H], 1) as [Tensor2D, Tensor2D];
  const [recurrentGates, recurrentCandidate] = tf.split(weights.recurrentW, [2 * H, H], 1) as [
    Tensor2D,
    Tensor2D,
  ];
  // [S, N, H]; the recurrence carries its own gradient (fewer kernels than differentiating the loop).
  const allStates = gruRecurrence(tf, {
    gateInputs: tf.reshape(inputGates, [S, N, 2 * H]),
    candidateInputs: tf.reshape(inputCandidates, [S, N, H]),
    recurrentGates,
    recurrentCandidate,
    candidateB: weights.candidateB,
  });
  const logProbs = maskedLogSoftmax(
    tf,
    tf.add(tf.matMul(tf.reshape(allStates, [S * N, H]), weights.actW), weights.actB),
    tf.tensor2d(timeMajor(batch.actMasks, N, S, V), [S * N, V]),
  );
  const targets = tf.oneHot(tf.tensor1d(timeMajor(batch.targets, N, S, 1), 'int32'), V);
  const acts = tf.transpose(tf.reshape(tf.sum(tf.mul(logProbs, targets), 1), [S, N]));

  const selectionPick = new Float32Array(S * N);
  batch.selectionStep.forEach((step, n) => (selectionPick[step * N + n] = 1));
  const selectionState = tf.sum(tf.mul(allStates, tf.tensor3d(selectionPick, [S, N, 1])), 0);
  const M = batch.candidates;
  const selectionLogProbs = maskedLogSoftmax(
    tf,
    selectionScores(
      policy,
      selectionState as Tensor2D,
      context,
      tf.tensor2d(batch.candidateFeatures, [N * M, shapes.candidateFeatures]),
    ),
    tf.tensor2d(batch.candidateMasks, [N, M]),
  );
  const selectionTargets = tf.oneHot(tf.tensor1d(batch.selectionTargets, 'int32'), M).toFloat();
  return {
    acts: acts as Tensor2D,
    selections: tf.sum(tf.mul(selectionLogProbs, selectionTargets), 1),
  };
}

/** An [N, S, W] batch-major array as [S, N, W] (row t·N + n). */
function timeMajor<T extends Int32Array | Float32Array>(
  data: T,
  N: number,
  S: number,
  W: number,
): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < S; t++) {
      out.set(data.subarray((n * S + t) * W, (n * S + t + 1) * W), (t * N + n) * W);
    }
  }
  return out;
}
