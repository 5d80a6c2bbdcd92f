import type * as tfType from '@tensorflow/tfjs';
import type { Domain } from '../shared/domain/types';
import { createPolicy, type Policy } from '../learning/policy';
import type { PolicyConfig } from '../learning/policyConfig';
import type { LearnableDialogue } from '../learning/sequenceBatch';
import { trainSupervised } from '../learning/supervised';
import type { ExperimentConfig } from './experimentConfig';
import { FlatAdam } from '../learning/adam';

export function policyConfig(config: ExperimentConfig, domain: Domain, seed: number): PolicyConfig {
  return { domainId: domain.id, ...config.model, seed };
}

/** A policy trained by SL on `data` for `epochs` epochs with its own optimiser. */
export function trainedPolicy(
  tf: typeof tfType,
  policyConfig: PolicyConfig,
  data: readonly LearnableDialogue[],
  config: ExperimentConfig,
  seed: string,
  epochs: number,
): Policy {
  const policy = createPolicy(tf, policyConfig);
  const optimizer = new FlatAdam(tf, config.training.slLearningRate);
  trainSupervised(policy, data, { epochs, seed }, optimizer);
  optimizer.dispose();
  return policy;
}
