import type * as tfType from '@tensorflow/tfjs';
import type { PolicyConfig } from './policyConfig';
import type { Policy } from './policyNetwork';
import {
  disposeWeights,
  initialWeights,
  policyShapes,
  variableFrom,
  weightNames,
  type PolicyWeights,
} from './policyWeights';

export type { Policy };

/** A new policy with fresh weights from `config.seed`. */
export function createPolicy(tf: typeof tfType, config: PolicyConfig): Policy {
  return { tf, config, shapes: policyShapes(config), weights: initialWeights(tf, config) };
}

/** An independent copy (e.g. Alice as a copy of the SL model, or a frozen Bob). */
export function clonePolicy(policy: Policy): Policy {
  const { tf } = policy;
  const weights = Object.fromEntries(
    weightNames.map((name) => [name, variableFrom(tf, policy.weights[name].clone(), true)]),
  ) as unknown as PolicyWeights;
  return { ...policy, weights };
}

export function disposePolicy(policy: Policy): void {
  disposeWeights(policy.weights);
}
