import type * as tfType from '@tensorflow/tfjs';
import { gruRecurrence } from './gruRecurrence';
import { selectRows } from './rowSelection';
import { stepKinds } from './policyWeights';
import {
  encodeContext,
  maskedLogit,
  maskedLogSoftmax,
  selectionScores,
  type Policy,
} from './policyNetwork';
import type { SequenceBatch } from './sequenceBatch';

export interface SequenceLogProbs {
  /** [N, S]: log p(target act) at each step that predicts an act; 0 at the selection step and padding. */
  acts: tfType.Tensor2D;
  /** [N]: log p(selection target) (meaningless where the selection weight is 0). */
  selections: tfType.Tensor1D;
}

type Tensor2D = tfType.Tensor2D;
type Tensor3D = tfType.Tensor3D;

/**
 * Teacher-forced log-probabilities of a batch under a policy, differentiable with respect to
 * its weights (call inside `optimizer.minimize` / `tf.tidy`). Used for SL, REINFORCE and for
 * scoring stored dialogues (novelty).
 *
 * The same GRU as `gruStep` (policyNetwork.ts), arranged for few kernel calls: every step's
 * input is known up front (teacher forcing), so the embedding and the input side of the gates
 * are one product over all S steps, and the act head is one product over the states that predict
 * an act; only the recurrent product and the gate arithmetic run per step. Per-op overhead, not arithmetic,
 * bounds this model's training (hidden 64), so this is what makes an epoch fast on every backend.
 */
export function sequenceLogProbs(policy: Policy, batch: SequenceBatch): SequenceLogProbs {
  const { tf, shapes, weights } = policy;
  const { size: N, steps: S } = batch;
  const V = shapes.vocabularySize;
  const H = policy.config.hidden;
  const C = policy.config.context;
  const embeddingSize = policy.config.embedding;
  // Time-major arrays: row t·N + n is example n at step t.
  const context = encodeContext(policy, tf.tensor2d(batch.features, [N, shapes.features]));
  const embedded = tf.matMul(
    tf.oneHot(tf.tensor1d(timeMajor(batch.tokens, N, S, 1), 'int32'), V + 1).toFloat(),
    weights.embedding,
  );
  const kinds = tf.tensor2d(timeMajor(batch.kinds, N, S, stepKinds), [S * N, stepKinds]);
  // x·W for x = (embedding, kinds, context): the context is the same at every step, so its part
  // is one [N, C] product broadcast over the steps rather than S copies in the step product.
  const [stepW, contextW] = tf.split(weights.inputW, [embeddingSize + stepKinds, C], 0) as [
    Tensor2D,
    Tensor2D,
  ];
  const inputs = tf.add(
    tf.reshape(tf.matMul(tf.concat([embedded, kinds], 1), stepW), [S, N, 3 * H]),
    tf.add(tf.matMul(context, contextW), weights.gateB),
  );
  // Update and reset gates share one recurrent product; the candidate has its own (its
  // recurrent part is reset-gated, reset_after).
  const [inputGates, inputCandidates] = tf.split(inputs, [2 * H, H], 2) as [Tensor3D, Tensor3D];
  const [recurrentGates, recurrentCandidate] = tf.split(weights.recurrentW, [2 * H, H], 1) as [
    Tensor2D,
    Tensor2D,
  ];
  // [S, N, H]; the recurrence carries its own gradient (fewer kernels than differentiating the loop).
  const allStates = gruRecurrence(tf, {
    gateInputs: inputGates,
    candidateInputs: inputCandidates,
    recurrentGates,
    recurrentCandidate,
    candidateB: weights.candidateB,
  });
  const states = tf.reshape<tfType.Rank.R2>(allStates, [S * N, H]);
  const acts = actLogProbs(policy, batch, states);

  // Each example's state at its selection step (row t·N + n of the time-major states).
  const selectionRows = Int32Array.from(batch.selectionStep, (step, n) => step * N + n);
  const rowExample = new Int32Array(S * N).fill(N);
  selectionRows.forEach((row, n) => (rowExample[row] = n));
  const selectionState = selectRows(tf, states, selectionRows, rowExample);
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
    acts,
    selections: tf.sum(tf.mul(selectionLogProbs, selectionTargets), 1),
  };
}

/**
 * [N, S]: log p(target act) at every step that predicts an act (t < the example's length), 0
 * elsewhere. The act head runs on those rows only, not on the padding and selection steps (a
 * third of the rows in a typical batch), and the mask enters as a bias made on the host: the
 * [rows, V] arithmetic is most of this model's work outside the recurrence.
 */
function actLogProbs(policy: Policy, batch: SequenceBatch, states: tfType.Tensor2D): Tensor2D {
  const { tf, weights } = policy;
  const { size: N, steps: S } = batch;
  const V = policy.shapes.vocabularySize;
  let L = 0;
  for (let n = 0; n < N; n++) {
    L += batch.selectionStep[n]!;
  }
  if (L === 0) {
    return tf.zeros([N, S]);
  }
  // Row i of the head is example n at step t (time-major order); tight loops, as these arrays
  // are [L, V] and rebuilt for every batch.
  const rows = new Int32Array(L); // head row → its row of `states` (time-major)
  const rowOf = new Int32Array(S * N).fill(L); // and back (L: not in the head)
  const positions = new Int32Array(N * S).fill(L); // [N, S] → its head row, or L (a zero)
  const positionOf = new Int32Array(L); // and back
  const bias = new Float32Array(L * V);
  const targets = new Float32Array(L * V);
  const { actMasks, targets: actTargets, selectionStep } = batch;
  const maskBias = Float32Array.from([maskedLogit, 0]); // by mask value, without a branch
  let i = 0;
  for (let t = 0; t < S; t++) {
    for (let n = 0; n < N; n++) {
      if (t >= selectionStep[n]!) {
        continue;
      }
      rows[i] = t * N + n;
      rowOf[t * N + n] = i;
      positions[n * S + t] = i;
      positionOf[i] = n * S + t;
      const from = (n * S + t) * V;
      const to = i * V;
      for (let v = 0; v < V; v++) {
        bias[to + v] = maskBias[actMasks[from + v]!]!;
      }
      targets[to + actTargets[n * S + t]!] = 1;
      i++;
    }
  }
  const live = selectRows(tf, states, rows, rowOf);
  const logits = tf.add(tf.matMul(live, weights.actW), weights.actB);
  const logProbs = tf.logSoftmax(tf.add(logits, tf.tensor2d(bias, [L, V])));
  // Σ over the vocabulary as a product with a ones column: tfjs's gradient of tf.sum builds a
  // ones tensor of the input's size on the host (a megabyte a batch here).
  const picked = tf.matMul<Tensor2D>(
    tf.mul<Tensor2D>(logProbs, tf.tensor2d(targets, [L, V])),
    tf.ones<tfType.Rank.R2>([V, 1]),
  );
  return tf.reshape(selectRows(tf, picked, positions, positionOf), [N, S]);
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
