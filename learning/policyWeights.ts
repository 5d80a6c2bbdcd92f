import type * as tfType from '@tensorflow/tfjs';
import { getDomain } from '../shared/domain/domains';
import type { Domain } from '../shared/domain/types';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import { contextFeatureCount } from './contextFeatures';
import { maxSelectionCandidates, selectionFeatureCount } from './selectionCandidates';
import type { PolicyConfig } from './policyConfig';

type Tf = typeof tfType;

/**
 * Step features of one recurrent step: three flags (own act next, partner act next, final
 * selection) and the turn as a fraction of the limit (time-dependent negotiators concede by it).
 */
export const stepKinds = 4;

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
  selectionStateW: tfType.Variable; // [H + C, S]
  selectionCandidateW: tfType.Variable; // [K, S] (K candidate features, see selectionCandidates.ts)
  selectionB: tfType.Variable; // [S]
  selectionV: tfType.Variable; // [S, 1]: a candidate's score
}

export type WeightName = keyof PolicyWeights;

export interface PolicyShapes {
  domain: Domain;
  vocabularySize: number;
  startToken: number;
  features: number;
  /** Features per selection candidate. */
  candidateFeatures: number;
  /** The most selection candidates a dialogue can have. */
  maxCandidates: number;
}

export function policyShapes(config: PolicyConfig): PolicyShapes {
  const domain = getDomain(config.domainId);
  const vocabularySize = vocabularyFor(domain).size;
  return {
    domain,
    vocabularySize,
    startToken: vocabularySize,
    features: contextFeatureCount(domain),
    candidateFeatures: selectionFeatureCount(domain),
    maxCandidates: maxSelectionCandidates(domain),
  };
}

/**
 * A variable made from a tensor created for it. `tf.variable` shares the tensor's data and leaves
 * the tensor itself alive, so without the dispose here every policy made, loaded or copied would
 * keep a second handle on all its weights after `disposePolicy`.
 */
export function variableFrom(tf: Tf, initial: tfType.Tensor, trainable: boolean): tfType.Variable {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

/** Fresh weights, Glorot-uniform initialised from the config's seed (same seed, same weights). */
export function initialWeights(tf: Tf, config: PolicyConfig): PolicyWeights {
  const s = policyShapes(config);
  const { embedding: E, context: C, hidden: H, selection: S } = config;
  let seed = config.seed * 1000;
  // Variables stay unnamed: tfjs names must be unique per process, and two policies may share a seed.
  const glorot = (rows: number, cols: number) => {
    const limit = Math.sqrt(6 / (rows + cols));
    return variableFrom(tf, tf.randomUniform([rows, cols], -limit, limit, 'float32', seed++), true);
  };
  const zeros = (n: number) => variableFrom(tf, tf.zeros([n]), true);
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
    selectionStateW: glorot(H + C, S),
    selectionCandidateW: glorot(s.candidateFeatures, S),
    selectionB: zeros(S),
    selectionV: glorot(S, 1),
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
  'selectionStateW',
  'selectionCandidateW',
  'selectionB',
  'selectionV',
];

export function disposeWeights(weights: PolicyWeights): void {
  for (const name of weightNames) {
    weights[name].dispose();
  }
}
