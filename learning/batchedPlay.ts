import type * as tfType from '@tensorflow/tfjs';
import type { Negotiator } from '../shared/agents/negotiator';
import { viewFor } from '../shared/agents/playDialogue';
import type { Act } from '../shared/dialogue/acts';
import {
  applyAct,
  applySelection,
  nextSpeaker,
  startDialogue,
  type DialogueState,
  type Turn,
} from '../shared/dialogue/dialogue';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import type { AgentIndex, Context } from '../shared/domain/types';
import { createRng, type Rng } from '../shared/random/rng';
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
import { candidateInputs, type CandidateInputs } from './candidateInputs';
import { playActMask } from './playMask';

/** Who sits in a seat: a learned policy (run batched) or any negotiator (run per dialogue). */
export type Seat =
  { policy: Policy } | { negotiator: (dialogueIndex: number, rng: Rng) => Negotiator };

export interface PlayStart {
  context: Context;
  firstSpeaker: AgentIndex;
  /** Acts already said (e.g. a partial dialogue handed to an oracle); replayed, not sampled. */
  prefix?: readonly Turn[];
}

export interface PlayOptions {
  seed: number | string;
  /** Sampling temperature of policy acts (1 = the policy's own distribution). */
  temperature?: number;
}

export interface PlayedDialogue {
  state: DialogueState;
  /** Per turn: log p of the act under its speaker's policy (NaN for prefix turns and negotiators). */
  speakerLogProbs: number[];
  /** Per turn: log p of the act under the other seat's policy (NaN where that seat is a negotiator). */
  listenerLogProbs: number[];
}

/**
 * Plays many dialogues in lockstep: per turn, one model call per policy seat for the whole batch;
 * negotiator seats are asked per dialogue. Prefix acts are fed to the policies as they are.
 * Deterministic for a seed.
 */
export async function playBatch(
  seats: readonly [Seat, Seat],
  starts: readonly PlayStart[],
  options: PlayOptions,
): Promise<PlayedDialogue[]> {
  const policy = [seatPolicy(seats[0]), seatPolicy(seats[1])] as const;
  const anyPolicy = policy[0] ?? policy[1];
  if (anyPolicy === null) {
    throw new TypeError(
      'playBatch needs at least one policy seat; use playDialogue for negotiators alone',
    );
  }
  const { tf } = anyPolicy;
  const domain = anyPolicy.shapes.domain;
  const vocabulary = vocabularyFor(domain);
  const V = vocabulary.size;
  const B = starts.length;
  const temperature = options.temperature ?? 1;
  const rng = createRng(`play/${options.seed}`);
  const negotiators = ([0, 1] as const).map((agent) => {
    const seat = seats[agent];
    return 'negotiator' in seat
      ? starts.map((_, i) => seat.negotiator(i, rng.fork(`seat${agent}/${i}`)))
      : null;
  });

  let states = starts.map((s) => startDialogue(domain, s.context, s.firstSpeaker));
  const results = states.map(() => ({
    speakerLogProbs: [] as number[],
    listenerLogProbs: [] as number[],
  }));
  const codes = ([0, 1] as const).map((agent) => {
    const p = policy[agent];
    return p === null
      ? null
      : tf.tidy(() =>
          encodeContext(
            p,
            tf.tensor2d(
              starts.flatMap((s) =>
                contextFeatures(domain, s.context.counts, s.context.utilities[agent]),
              ),
              [B, p.shapes.features],
            ),
          ),
        );
  });
  const hidden = ([0, 1] as const).map((agent) => {
    const p = policy[agent];
    return p === null ? null : tf.zeros<tfType.Rank.R2>([B, p.config.hidden]);
  });
  const tokens = new Int32Array(B).fill(vocabulary.size);
  const selecting = new Uint8Array(B);
  const mask = new Uint8Array(V);
  const row = new Float64Array(V);

  for (let step = 0; step <= domain.maxTurns; step++) {
    if (!states.some((s, i) => selecting[i] === 1 || nextSpeaker(s) !== null)) {
      break;
    }
    const needSelection = selecting.includes(1);
    const actOut: [Float32Array | null, Float32Array | null] = [null, null];
    const selectionOut: [Float32Array | null, Float32Array | null] = [null, null];
    const candidatesOf: [CandidateInputs | null, CandidateInputs | null] = [null, null];
    for (const agent of [0, 1] as const) {
      const p = policy[agent];
      if (p === null) {
        continue;
      }
      const kinds = new Float32Array(B * stepKinds);
      states.forEach((s, i) => {
        const speaker = nextSpeaker(s);
        const kind = selecting[i] === 1 ? 2 : speaker === null ? -1 : speaker === agent ? 0 : 1;
        if (kind >= 0) {
          kinds[i * stepKinds + kind] = 1;
          kinds[i * stepKinds + 3] = s.turns.length / domain.maxTurns;
        }
      });
      const candidates = needSelection ? candidateInputs(p, states, selecting, agent) : null;
      candidatesOf[agent] = candidates;
      const out = tf.tidy<StepTensors>(() => {
        const h = gruStep(
          p,
          embedTokens(p, tf.tensor1d(tokens, 'int32')),
          tf.tensor2d(kinds, [B, stepKinds]),
          codes[agent]!,
          hidden[agent]!,
        );
        const candidateFeatures =
          candidates === null
            ? null
            : tf.tensor2d(candidates.features, [
                B * p.shapes.maxCandidates,
                p.shapes.candidateFeatures,
              ]);
        return {
          h,
          act: actLogits(p, h),
          selection:
            candidateFeatures === null
              ? tf.zeros([0])
              : selectionScores(p, h, codes[agent]!, candidateFeatures),
        };
      });
      hidden[agent]!.dispose();
      hidden[agent] = out.h;
      actOut[agent] = (await out.act.data()) as Float32Array;
      selectionOut[agent] = needSelection ? ((await out.selection.data()) as Float32Array) : null;
      tf.dispose([out.act, out.selection]);
    }
    states = states.map((state, i) => {
      if (selecting[i] === 1) {
        selecting[i] = 0;
        let next = state;
        for (const agent of [0, 1] as const) {
          const scores = selectionOut[agent];
          const row = candidatesOf[agent]?.perRow[i];
          const selection =
            scores === null || row === null || row === undefined
              ? negotiators[agent]![i]!.select(viewFor(next, agent))
              : row.allocations[maskedArgmax(scores, i * row.mask.length, row.mask)]!;
          next = applySelection(next, agent, selection);
        }
        return next;
      }
      const speaker = nextSpeaker(state);
      if (speaker === null) {
        return state;
      }
      playActMask(domain, state.context, state.turns, speaker, mask);
      const prefixAct = starts[i]!.prefix?.[state.turns.length]?.act;
      const own = actOut[speaker];
      const listener = actOut[speaker === 0 ? 1 : 0];
      let act: Act;
      let token: number;
      if (prefixAct !== undefined) {
        act = prefixAct;
        token = vocabulary.encode(act);
      } else if (own === null) {
        act = negotiators[speaker]![i]!.act(viewFor(state, speaker));
        token = vocabulary.encode(act);
      } else {
        token = sampleFromLogProbs(maskedLogSoftmaxRow(own, i * V, mask, temperature, row), V, rng);
        act = vocabulary.decode(token);
      }
      const result = results[i]!;
      result.speakerLogProbs.push(
        own === null || prefixAct !== undefined
          ? Number.NaN
          : // At temperature 1 the sampling row already holds these log-probabilities.
            (temperature === 1 ? row : maskedLogSoftmaxRow(own, i * V, mask, 1, row))[token]!,
      );
      result.listenerLogProbs.push(
        listener === null ? Number.NaN : maskedLogSoftmaxRow(listener, i * V, mask, 1, row)[token]!,
      );
      tokens[i] = token;
      const next = applyAct(state, speaker, act);
      if (next.endedBy !== null && next.outcome === null) {
        selecting[i] = 1;
      }
      return next;
    });
  }
  tf.dispose([...hidden, ...codes].filter((t): t is tfType.Tensor2D => t !== null));
  return states.map((state, i) => ({ state, ...results[i]! }));
}

interface StepTensors {
  [key: string]: tfType.Tensor;
  h: tfType.Tensor2D;
  act: tfType.Tensor2D;
  selection: tfType.Tensor;
}

function seatPolicy(seat: Seat): Policy | null {
  return 'policy' in seat ? seat.policy : null;
}
