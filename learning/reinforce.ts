import type * as tfType from '@tensorflow/tfjs';
import type { Context } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import { playBatch, type PlayedDialogue, type Seat } from './batchedPlay';
import { optimiserStep } from './gradients';
import type { Policy } from './policyNetwork';
import { RewardBaseline, rewardOf, type RewardSpec } from './reward';
import { buildSequenceBatch, type LearnableDialogue, type SequenceBatch } from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';
import { supervisedLoss } from './supervised';
import { trainingDefaults } from './trainingDefaults';
import { FlatAdam } from './adam';

export interface ReinforceOptions {
  seed: number | string;
  reward: RewardSpec;
  /** Discount of earlier acts: act t of Alice's T acts gets γ^(T−1−t) of the dialogue's advantage. */
  gamma?: number;
  /** Dialogues per policy-gradient update. */
  batchSize?: number;
  temperature?: number;
  clipNorm?: number;
  /** RL+SL: one SL example for every `n` RL tasks, from `supervisedData`. */
  supervisedEvery?: number;
  supervisedData?: readonly LearnableDialogue[];
}

/** State that lives across RL epochs: the optimiser and the reward baseline. */
export interface ReinforceState {
  optimizer: FlatAdam;
  baseline: RewardBaseline;
  /** SL examples owed by RL+SL and not yet trained on (fractional). */
  supervisedDue: number;
}

export function reinforceState(
  tf: typeof tfType,
  learningRate: number = trainingDefaults.rlLearningRate,
): ReinforceState {
  return {
    optimizer: new FlatAdam(tf, learningRate),
    baseline: new RewardBaseline(),
    supervisedDue: 0,
  };
}

/**
 * REINFORCE for Alice (agent 0, `alice`) against a fixed partner in seat 1, over the given
 * contexts in batches; returns every dialogue played (with the partner's log-probabilities of
 * Alice's acts when the partner is a policy: TDA ranks them by novelty).
 */
export async function reinforce(
  alice: Policy,
  partner: Seat,
  contexts: readonly Context[],
  options: ReinforceOptions,
  state: ReinforceState,
): Promise<PlayedDialogue[]> {
  const batchSize = options.batchSize ?? trainingDefaults.rlBatchSize;
  const gamma = options.gamma ?? trainingDefaults.gamma;
  const domain = alice.shapes.domain;
  const rng = createRng(`rl/${options.seed}`);
  const played: PlayedDialogue[] = [];
  for (let start = 0; start < contexts.length; start += batchSize) {
    const batchContexts = contexts.slice(start, start + batchSize);
    const dialogues = await playBatch(
      [{ policy: alice }, partner],
      batchContexts.map((context, i) => ({ context, firstSpeaker: ((start + i) % 2) as 0 | 1 })),
      {
        seed: `${options.seed}/${start}`,
        temperature: options.temperature ?? trainingDefaults.temperature,
      },
    );
    played.push(...dialogues);
    const batch = policyGradientBatch(
      dialogues,
      (d) => state.baseline.advantage(rewardOf(domain, d.state.outcome!, options.reward)),
      gamma,
      alice,
    );
    optimiserStep(
      alice,
      state.optimizer,
      () => policyGradientLoss(alice, batch),
      options.clipNorm ?? 1,
    );
    if (
      options.supervisedEvery !== undefined &&
      options.supervisedData !== undefined &&
      options.supervisedData.length > 0
    ) {
      state.supervisedDue += batchContexts.length / options.supervisedEvery;
      const examples = Math.floor(state.supervisedDue);
      if (examples > 0) {
        state.supervisedDue -= examples;
        const sample = Array.from({ length: examples }, () => rng.pick(options.supervisedData!));
        const slBatch = buildSequenceBatch(
          domain,
          sample.flatMap((dialogue) => [
            { dialogue, perspective: 0 as const },
            { dialogue, perspective: 1 as const },
          ]),
        );
        optimiserStep(
          alice,
          state.optimizer,
          () => supervisedLoss(alice, slBatch),
          options.clipNorm ?? 1,
        );
      }
    }
  }
  return played;
}

/** Alice's side of each dialogue, with her acts weighted by the discounted advantage. */
function policyGradientBatch(
  dialogues: readonly PlayedDialogue[],
  advantageOf: (d: PlayedDialogue) => number,
  gamma: number,
  alice: Policy,
): SequenceBatch {
  const batch = buildSequenceBatch(
    alice.shapes.domain,
    dialogues.map((d) => ({ dialogue: d.state, perspective: 0 as const })),
  );
  dialogues.forEach((d, n) => {
    const advantage = advantageOf(d);
    let weight = advantage;
    for (let t = d.state.turns.length - 1; t >= 0; t--) {
      const step = n * batch.steps + t;
      if (batch.ownStep[step] === 1) {
        batch.stepWeights[step] = weight;
        weight *= gamma;
      } else {
        batch.stepWeights[step] = 0;
      }
    }
  });
  batch.selectionWeights.fill(0); // selections are argmax choices, not samples: no gradient
  return batch;
}

function policyGradientLoss(policy: Policy, batch: SequenceBatch): tfType.Scalar {
  const { tf } = policy;
  const { acts } = sequenceLogProbs(policy, batch);
  const weights = tf.tensor2d(batch.stepWeights, [batch.size, batch.steps]);
  return tf.div<tfType.Scalar>(tf.neg(tf.sum(tf.mul(acts, weights))), batch.size);
}
