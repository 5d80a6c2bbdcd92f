import type * as tfType from '@tensorflow/tfjs';
import type { Policy } from './policyNetwork';
import { weightNames } from './policyWeights';

/**
 * One optimiser step on `loss`, with gradients clipped to a global norm (tfjs optimisers have
 * no clipnorm). Returns the loss value.
 */
export function optimiserStep(
  policy: Policy,
  optimizer: tfType.Optimizer,
  loss: () => tfType.Scalar,
  clipNorm: number,
): number {
  const { tf } = policy;
  const variables = weightNames.map((name) => policy.weights[name]);
  const { value, grads } = tf.variableGrads(loss, variables);
  const lossValue = value.dataSync()[0] ?? Number.NaN;
  tf.tidy(() => {
    const norm =
      tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0] ?? 0;
    const scale = norm > clipNorm ? clipNorm / norm : 1;
    const clipped = Object.fromEntries(
      Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]),
    );
    optimizer.applyGradients(clipped);
  });
  value.dispose();
  tf.dispose(Object.values(grads));
  return lossValue;
}
