import type * as tfType from '@tensorflow/tfjs';
import type { FlatAdam } from './adam';
import type { Policy } from './policyNetwork';
import { weightNames } from './policyWeights';

/**
 * One optimiser step on `loss`, with gradients clipped to a global norm (tfjs optimisers have
 * no clipnorm; FlatAdam clips). Returns the loss value.
 */
export function optimiserStep(
  policy: Policy,
  optimizer: FlatAdam,
  loss: () => tfType.Scalar,
  clipNorm: number,
): number {
  const { tf } = policy;
  const variables = weightNames.map((name) => policy.weights[name]);
  const { value, grads } = tf.variableGrads(loss, variables);
  const lossValue = value.dataSync()[0] ?? Number.NaN;
  optimizer.apply(
    variables,
    variables.map((v) => grads[v.name]),
    clipNorm,
  );
  value.dispose();
  tf.dispose(Object.values(grads));
  return lossValue;
}
