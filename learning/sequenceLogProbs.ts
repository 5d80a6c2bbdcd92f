import type * as tfType from '@tensorflow/tfjs';
import { maskedLogit, type Policy } from './policyNetwork';
import { stepKinds, weightNames } from './policyWeights';
import type { SequenceBatch } from './sequenceBatch';
import { sequenceModel } from './sequenceModel';

export interface SequenceLogProbs {
  /** [N, S]: log p(target act) at each step that predicts an act; 0 at the selection step and padding. */
  acts: tfType.Tensor2D;
  /** [N]: log p(selection target) (meaningless where the selection weight is 0). */
  selections: tfType.Tensor1D;
}

/**
 * Teacher-forced log-probabilities of a batch under a policy, differentiable with respect to
 * its weights (call inside `optimizer.minimize` / `tf.tidy`). Used for SL, REINFORCE and for
 * scoring stored dialogues (novelty). The pass itself, with its hand-written gradient, is
 * `sequenceModel`; this lays the batch out for it.
 */
export function sequenceLogProbs(policy: Policy, batch: SequenceBatch): SequenceLogProbs {
  const { tf, shapes, weights, config } = policy;
  const { size: N, steps: S } = batch;
  const M = batch.candidates;
  const act = actRows(batch, shapes.vocabularySize);
  // Each example's state at its selection step (row t·N + n of the time-major states).
  const selectionRows = Int32Array.from(batch.selectionStep, (step, n) => step * N + n);
  const selectionRowOf = new Int32Array(S * N).fill(N);
  selectionRows.forEach((row, n) => (selectionRowOf[row] = n));
  const output = sequenceModel(
    tf,
    {
      steps: S,
      candidates: M,
      hidden: config.hidden,
      context: config.context,
      embedding: config.embedding,
      vocabulary: shapes.vocabularySize,
      selection: config.selection,
    },
    weightNames.map((name) => weights[name]),
    {
      features: tf.tensor2d(batch.features, [N, shapes.features]),
      // Time-major: row t·N + n is example n at step t.
      tokens: tf.tensor1d(timeMajor(batch.tokens, N, S, 1), 'int32'),
      kinds: tf.tensor2d(timeMajor(batch.kinds, N, S, stepKinds), [S * N, stepKinds]),
      actRows: tf.tensor1d(act.rows, 'int32'),
      actRowOf: tf.tensor1d(act.rowOf, 'int32'),
      actPositions: tf.tensor1d(act.positions, 'int32'),
      actPositionOf: tf.tensor1d(act.positionOf, 'int32'),
      actBias: tf.tensor2d(act.bias, [act.count, shapes.vocabularySize]),
      actTargets: tf.tensor2d(act.targets, [act.count, shapes.vocabularySize]),
      selectionRows: tf.tensor1d(selectionRows, 'int32'),
      selectionRowOf: tf.tensor1d(selectionRowOf, 'int32'),
      candidateFeatures: tf.tensor2d(batch.candidateFeatures, [N * M, shapes.candidateFeatures]),
      candidateMasks: tf.tensor2d(batch.candidateMasks, [N, M]),
      selectionTargets: tf.tensor1d(batch.selectionTargets, 'int32'),
    },
  );
  const [acts, selections] = tf.split(output, [S, 1], 1) as [tfType.Tensor2D, tfType.Tensor2D];
  return { acts, selections: tf.reshape(selections, [N]) };
}

/**
 * The rows of the act head: every step that predicts an act (t < the example's length), not the
 * padding and selection steps (a third of the rows in a typical batch); the act mask as a bias
 * made on the host, and the one-hot targets. Tight loops: these arrays are [L, V] and rebuilt for
 * every batch.
 */
function actRows(batch: SequenceBatch, V: number) {
  const { size: N, steps: S, actMasks, targets: actTargets, selectionStep } = batch;
  let L = 0;
  for (let n = 0; n < N; n++) {
    L += selectionStep[n]!;
  }
  // Row i of the head is example n at step t (time-major order).
  const rows = new Int32Array(L); // head row → its row of the states (time-major)
  const rowOf = new Int32Array(S * N).fill(L); // and back (L: not in the head)
  const positions = new Int32Array(N * S).fill(L); // [N, S] → its head row, or L (a zero)
  const positionOf = new Int32Array(L); // and back
  const bias = new Float32Array(L * V);
  const targets = new Float32Array(L * V);
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
  return { count: L, rows, rowOf, positions, positionOf, bias, targets };
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
