import type * as tfType from '@tensorflow/tfjs';
import {
  applyAct,
  applySelection,
  nextSpeaker,
  startDialogue,
  type DialogueState,
} from '../../shared/dialogue/dialogue';
import { validActMask } from '../../shared/dialogue/validActs';
import { vocabularyFor } from '../../shared/dialogue/vocabulary';
import type { AgentIndex, Context } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';
import { contextFeatures } from './contextFeatures';
import { maskedArgmax, maskedLogSoftmaxRow, sampleFromLogProbs } from './maskedSampling';
import {
  actLogits,
  embedTokens,
  encodeContext,
  gruStep,
  selectionLogits,
  type Policy,
} from './policyNetwork';
import { stepKinds } from './policyWeights';
import { selectionClassesFor } from './selectionClasses';

export interface SelfPlayOptions {
  seed: number | string;
  /** Sampling temperature of the acts (1 = the policy's own distribution). */
  temperature?: number;
  /** Who opens each dialogue: a fixed agent, or alternating by dialogue index (default). */
  firstSpeaker?: AgentIndex | 'alternate';
}

export interface SelfPlayDialogue {
  state: DialogueState;
  /** log p of each act under its speaker's policy (temperature 1). */
  speakerLogProbs: number[];
  /** log p of each act under the other agent's policy: the partner's surprise (novelty). */
  listenerLogProbs: number[];
}

/**
 * Batched self-play: every dialogue advances in lockstep, one model call per agent per turn for
 * the whole batch. Agent 0 plays `policies[0]`'s seat, agent 1 `policies[1]`'s (they may be the
 * same policy). Deterministic for a seed.
 */
export async function selfPlay(
  policies: readonly [Policy, Policy],
  contexts: readonly Context[],
  options: SelfPlayOptions,
): Promise<SelfPlayDialogue[]> {
  const [first] = policies;
  const { tf } = first;
  const domain = first.shapes.domain;
  const vocabulary = vocabularyFor(domain);
  const V = vocabulary.size;
  const B = contexts.length;
  const classes = selectionClassesFor(domain);
  const temperature = options.temperature ?? 1;
  const rng = createRng(`selfplay/${options.seed}`);
  const opener = (i: number): AgentIndex =>
    options.firstSpeaker === undefined || options.firstSpeaker === 'alternate'
      ? ((i % 2) as AgentIndex)
      : options.firstSpeaker;

  let states = contexts.map((context, i) => startDialogue(domain, context, opener(i)));
  const results = states.map(() => ({
    speakerLogProbs: [] as number[],
    listenerLogProbs: [] as number[],
  }));
  const codes = ([0, 1] as const).map((agent) =>
    tf.tidy(() =>
      encodeContext(
        policies[agent],
        tf.tensor2d(
          contexts.flatMap((c) => contextFeatures(domain, c.counts, c.utilities[agent])),
          [B, first.shapes.features],
        ),
      ),
    ),
  );
  const hidden = ([0, 1] as const).map((agent) =>
    tf.zeros<tfType.Rank.R2>([B, policies[agent].config.hidden]),
  );
  const tokens = new Int32Array(B).fill(first.shapes.startToken);
  const selecting = new Uint8Array(B); // 1: the acts are over; this step is the selection step
  const mask = new Uint8Array(V);
  const ownRow = new Float64Array(V);
  const otherRow = new Float64Array(V);

  for (let step = 0; step <= domain.maxTurns; step++) {
    const live = states.some((s, i) => selecting[i] === 1 || nextSpeaker(s) !== null);
    if (!live) {
      break;
    }
    const logits: Float32Array[] = [];
    const selections: (Float32Array | null)[] = [];
    for (const agent of [0, 1] as const) {
      const kinds = new Float32Array(B * stepKinds);
      states.forEach((s, i) => {
        const speaker = nextSpeaker(s);
        const kind = selecting[i] === 1 ? 2 : speaker === null ? -1 : speaker === agent ? 0 : 1;
        if (kind >= 0) {
          kinds[i * stepKinds + kind] = 1;
        }
      });
      const policy = policies[agent];
      const needSelection = selecting.includes(1);
      const out = tf.tidy(() => {
        const h = gruStep(
          policy,
          embedTokens(policy, tf.tensor1d(tokens, 'int32')),
          tf.tensor2d(kinds, [B, stepKinds]),
          codes[agent]!,
          hidden[agent]!,
        );
        return {
          h,
          act: actLogits(policy, h),
          selection: needSelection ? selectionLogits(policy, h, codes[agent]!) : tf.zeros([0]),
        };
      });
      const { h: nextHidden, act: actOut, selection: selectionOut } = out;
      hidden[agent]!.dispose();
      hidden[agent] = nextHidden;
      logits.push((await actOut.data()) as Float32Array);
      actOut.dispose();
      selections.push(needSelection ? ((await selectionOut.data()) as Float32Array) : null);
      selectionOut.dispose();
    }
    states = states.map((state, i) => {
      if (selecting[i] === 1) {
        selecting[i] = 0;
        let next = state;
        for (const agent of [0, 1] as const) {
          const choice = maskedArgmax(
            selections[agent]!,
            i * classes.size,
            classes.maskFor(state.context.counts),
          );
          next = applySelection(next, agent, classes.allocationOf(choice));
        }
        return next;
      }
      const speaker = nextSpeaker(state);
      if (speaker === null) {
        return state;
      }
      validActMask(domain, state.context, state.turns, speaker, mask);
      maskedLogSoftmaxRow(logits[speaker]!, i * V, mask, temperature, ownRow);
      const token = sampleFromLogProbs(ownRow, V, rng);
      const result = results[i]!;
      result.speakerLogProbs.push(
        maskedLogSoftmaxRow(logits[speaker]!, i * V, mask, 1, ownRow)[token]!,
      );
      result.listenerLogProbs.push(
        maskedLogSoftmaxRow(logits[1 - speaker]!, i * V, mask, 1, otherRow)[token]!,
      );
      tokens[i] = token;
      const next = applyAct(state, speaker, vocabulary.decode(token));
      if (next.endedBy !== null && next.outcome === null) {
        selecting[i] = 1;
      }
      return next;
    });
  }
  tf.dispose([...hidden, ...codes]);
  return states.map((state, i) => ({ state, ...results[i]! }));
}
