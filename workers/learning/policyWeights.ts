import type * as tfType from '@tensorflow/tfjs';
import { enumerateAllocations } from '../../shared/domain/allocation';
import { getDomain } from '../../shared/domain/domains';
import type { Domain } from '../../shared/domain/types';
import { vocabularyFor } from '../../shared/dialogue/vocabulary';
import { contextFeatureCount } from './contextFeatures';
import type { PolicyConfig } from './policyConfig';

type Tf = typeof tfType;

/** Input flags of one recurrent step: whose act is predicted next, or the final selection. */
export const stepKinds = 3;

/** The trainable tensors of a policy, by name (the names are the checkpoint format). */
export interface PolicyWeights {
  embedding: tfType.Variable; // [V + 1, E]; row V is the start-of-dialogue token
  contextW: tfType.Variable; // [F, C]
  contextB: tfType.Variable; // [C]
  inputW: tfType.Variable; // [E + stepKinds + C, 3H]  (update, reset, candidate)
  recurrentW: tfType.Variable; // [H, 3H]
  gateB: tfType.Variable; // [3H]
  candidateB: tfType.Variable; // [H] recurrent bias of the candidate (applied inside the reset)
  actW: tfType.Variable; // [H, V]
  actB: tfType.Variable; // [V]
  selectionW1: tfType.Variable; // [H + C, S]
  selectionB1: tfType.Variable; // [S]
  selectionW2: tfType.Variable; // [S, A]; class 0 is "no agreement", then each allocation
  selectionB2: tfType.Variable; // [A]
}

export type WeightName = keyof PolicyWeights;

export interface PolicyShapes {
  domain: Domain;
  vocabularySize: number;
  startToken: number;
  features: number;
  /** The selection classes: null (no agreement), then every allocation up to the domain's largest counts. */
  selectionClasses: number;
}

export function policyShapes(config: PolicyConfig): PolicyShapes {
  const domain = getDomain(config.domainId);
  const vocabularySize = vocabularyFor(domain).size;
  return {
    domain,
    vocabularySize,
    startToken: vocabularySize,
    features: contextFeatureCount(domain),
    selectionClasses:
      1 + enumerateAllocations(domain.items.map(() => domain.maxCountPerItem)).length,
  };
}

/** Fresh weights, Glorot-uniform initialised from the config's seed (same seed, same weights). */
export function initialWeights(tf: Tf, config: PolicyConfig): PolicyWeights {
  const s = policyShapes(config);
  const { embedding: E, context: C, hidden: H, selection: S } = config;
  let seed = config.seed * 1000;
  // Variables stay unnamed: tfjs names must be unique per process, and two policies may share a seed.
  const glorot = (rows: number, cols: number) => {
    const limit = Math.sqrt(6 / (rows + cols));
    return tf.variable(tf.randomUniform([rows, cols], -limit, limit, 'float32', seed++), true);
  };
  const zeros = (n: number) => tf.variable(tf.zeros([n]), true);
  return {
    embedding: glorot(s.vocabularySize + 1, E),
    contextW: glorot(s.features, C),
    contextB: zeros(C),
    inputW: glorot(E + stepKinds + C, 3 * H),
    recurrentW: glorot(H, 3 * H),
    gateB: zeros(3 * H),
    candidateB: zeros(H),
    actW: glorot(H, s.vocabularySize),
    actB: zeros(s.vocabularySize),
    selectionW1: glorot(H + C, S),
    selectionB1: zeros(S),
    selectionW2: glorot(S, s.selectionClasses),
    selectionB2: zeros(s.selectionClasses),
  };
}

export const weightNames: readonly WeightName[] = [
  'embedding',
  'contextW',
  'contextB',
  'inputW',
  'recurrentW',
  'gateB',
  'candidateB',
  'actW',
  'actB',
  'selectionW1',
  'selectionB1',
  'selectionW2',
  'selectionB2',
];

export function disposeWeights(weights: PolicyWeights): void {
  for (const name of weightNames) {
    weights[name].dispose();
  }
}
