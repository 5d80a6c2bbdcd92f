import type * as tfType from '@tensorflow/tfjs';
import type { PolicyConfig } from './policyConfig';
import type { PolicyShapes, PolicyWeights } from './policyWeights';

type Tf = typeof tfType;
type Tensor2D = tfType.Tensor2D;

/** A policy: config, shapes and weights, with the TensorFlow.js module it runs on. */
export interface Policy {
  tf: Tf;
  config: PolicyConfig;
  shapes: PolicyShapes;
  weights: PolicyWeights;
}

/** Masked-out logits get this added: far below any real logit, yet finite (no NaN in gradients). */
export const maskedLogit = -1e9;

/** [B, F] context features → [B, C] context code. */
export function encodeContext(policy: Policy, features: Tensor2D): Tensor2D {
  const { tf, weights } = policy;
  return tf.tanh(tf.add(tf.matMul(features, weights.contextW), weights.contextB)) as Tensor2D;
}

/**
 * One GRU step (reset applied after the recurrent product, as Keras' `reset_after`):
 * input = [act embedding, step kind, context code].
 */
export function gruStep(
  policy: Policy,
  embedded: Tensor2D,
  kinds: Tensor2D,
  context: Tensor2D,
  state: Tensor2D,
): Tensor2D {
  const { tf, weights } = policy;
  const H = policy.config.hidden;
  const x = tf.concat([embedded, kinds, context], 1);
  const gx = tf.add(tf.matMul(x, weights.inputW), weights.gateB);
  const gh = tf.matMul(state, weights.recurrentW);
  const [xz, xr, xn] = tf.split(gx, [H, H, H], 1) as [Tensor2D, Tensor2D, Tensor2D];
  const [hz, hr, hn] = tf.split(gh, [H, H, H], 1) as [Tensor2D, Tensor2D, Tensor2D];
  const z = tf.sigmoid(tf.add(xz, hz));
  const r = tf.sigmoid(tf.add(xr, hr));
  const n = tf.tanh(tf.add(xn, tf.mul(r, tf.add(hn, weights.candidateB))));
  return tf.add(tf.mul(z, state), tf.mul(tf.sub(1, z), n));
}

/** Embeds token ids by row lookup (inference: no gradient needed through the lookup). */
export function embedTokens(policy: Policy, tokens: tfType.Tensor1D): Tensor2D {
  return policy.tf.gather(policy.weights.embedding, tokens) as Tensor2D;
}

/** [B, H] state → [B, V] act logits (unmasked). */
export function actLogits(policy: Policy, state: Tensor2D): Tensor2D {
  const { tf, weights } = policy;
  return tf.add(tf.matMul(state, weights.actW), weights.actB);
}

/**
 * Scores of each row's selection candidates: [B, H] state, [B, C] context and [B·M, K]
 * candidate features (M candidates per row) → [B, M] scores (unmasked).
 */
export function selectionScores(
  policy: Policy,
  state: Tensor2D,
  context: Tensor2D,
  candidates: Tensor2D,
): Tensor2D {
  const { tf, weights } = policy;
  const B = state.shape[0];
  const M = candidates.shape[0] / B;
  const S = policy.config.selection;
  const fromState = tf
    .matMul(tf.concat([state, context], 1), weights.selectionStateW)
    .reshape([B, 1, S]);
  const fromCandidate = tf.matMul(candidates, weights.selectionCandidateW).reshape([B, M, S]);
  const hidden = tf
    .relu(tf.add(tf.add(fromState, fromCandidate), weights.selectionB))
    .reshape([B * M, S]);
  return tf.matMul(hidden, weights.selectionV).reshape([B, M]);
}
