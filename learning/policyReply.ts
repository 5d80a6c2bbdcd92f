import type * as tfType from '@tensorflow/tfjs';
import type { Act } from '../shared/dialogue/acts';
import type { DialogueState } from '../shared/dialogue/dialogue';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import type { AgentIndex, Allocation } from '../shared/domain/types';
import type { Rng } from '../shared/random/rng';
import { candidateInputs } from './candidateInputs';
import { contextFeatures } from './contextFeatures';
import { maskedArgmax, maskedLogSoftmaxRow, sampleFromLogProbs } from './maskedSampling';
import {
  actLogits,
  embedTokens,
  encodeContext,
  gruStep,
  selectionScores,
  type Policy,
} from './policyNetwork';
import { stepKinds } from './policyWeights';
import { playActMask } from './playMask';

/**
 * The policy's state after reading a dialogue from `agent`'s side, fed step by step exactly as
 * batchedPlay feeds it (previous act token, step kind, turn fraction), followed by one more step
 * of `finalKind` (0 own act next, 2 selection). Returns the tensors of that last step.
 */
function readDialogue(
  policy: Policy,
  state: DialogueState,
  agent: AgentIndex,
  finalKind: 0 | 2,
  withSelection: boolean,
) {
  const { tf } = policy;
  const domain = policy.shapes.domain;
  const vocabulary = vocabularyFor(domain);
  return tf.tidy(() => {
    const code = encodeContext(
      policy,
      tf.tensor2d(contextFeatures(domain, state.context.counts, state.context.utilities[agent]), [
        1,
        policy.shapes.features,
      ]),
    );
    let h = tf.zeros<tfType.Rank.R2>([1, policy.config.hidden]);
    let token = vocabulary.size;
    const step = (kind: number, turn: number) => {
      const kinds = new Float32Array(stepKinds);
      kinds[kind] = 1;
      kinds[3] = turn / domain.maxTurns;
      h = gruStep(
        policy,
        embedTokens(policy, tf.tensor1d([token], 'int32')),
        tf.tensor2d(kinds, [1, stepKinds]),
        code,
        h,
      );
    };
    state.turns.forEach((turn, t) => {
      step(turn.speaker === agent ? 0 : 1, t);
      token = vocabulary.encode(turn.act);
    });
    step(finalKind, state.turns.length);
    if (!withSelection) {
      return { act: actLogits(policy, h), selection: tf.zeros([0]) };
    }
    const candidates = candidateInputs(policy, [state], new Uint8Array([1]), agent);
    const features = tf.tensor2d(candidates.features, [
      policy.shapes.maxCandidates,
      policy.shapes.candidateFeatures,
    ]);
    return { act: tf.zeros([0]), selection: selectionScores(policy, h, code, features) };
  });
}

/** The policy's act logits for `agent`'s next act (before any mask), by vocabulary index. */
export async function policyActLogits(
  policy: Policy,
  state: DialogueState,
  agent: AgentIndex,
): Promise<Float32Array> {
  const out = readDialogue(policy, state, agent, 0, false);
  const logits = (await out.act.data()) as Float32Array;
  policy.tf.dispose([out.act, out.selection]);
  return logits;
}

/** log p of every act `agent` may say next (−∞ for acts the rules forbid), by vocabulary index. */
export async function policyActLogProbs(
  policy: Policy,
  state: DialogueState,
  agent: AgentIndex,
  temperature = 1,
): Promise<Float64Array> {
  const domain = policy.shapes.domain;
  const vocabulary = vocabularyFor(domain);
  const logits = await policyActLogits(policy, state, agent);
  const mask = new Uint8Array(vocabulary.size);
  playActMask(domain, state.context, state.turns, agent, mask);
  return maskedLogSoftmaxRow(logits, 0, mask, temperature, new Float64Array(vocabulary.size));
}

/** The policy's next act for `agent` in a live dialogue: sampled among the acts the rules allow. */
export async function policyAct(
  policy: Policy,
  state: DialogueState,
  agent: AgentIndex,
  rng: Rng,
  temperature = 1,
): Promise<Act> {
  const vocabulary = vocabularyFor(policy.shapes.domain);
  const row = await policyActLogProbs(policy, state, agent, temperature);
  return vocabulary.decode(sampleFromLogProbs(row, vocabulary.size, rng));
}

/** The policy's selection once the acts are over (its best candidate, as in batched play). */
export async function policySelect(
  policy: Policy,
  state: DialogueState,
  agent: AgentIndex,
): Promise<Allocation | null> {
  const out = readDialogue(policy, state, agent, 2, true);
  const scores = (await out.selection.data()) as Float32Array;
  policy.tf.dispose([out.act, out.selection]);
  const row = candidateInputs(policy, [state], new Uint8Array([1]), agent).perRow[0]!;
  return row.allocations[maskedArgmax(scores, 0, row.mask)]!;
}
