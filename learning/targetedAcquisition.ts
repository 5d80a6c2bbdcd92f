import type * as tfType from '@tensorflow/tfjs';
import type { DialogueState } from '../shared/dialogue/dialogue';
import type { Context } from '../shared/domain/types';
import { playBatch, type PlayedDialogue, type Seat } from './batchedPlay';
import {
  cutAtMostNovel,
  mostNovel,
  noveltyOf,
  type NoveltyMetric,
  type NoveltyScore,
} from './novelty';
import type { Policy } from './policyNetwork';
import { reinforce, type ReinforceOptions, type ReinforceState } from './reinforce';
import type { LearnableDialogue } from './sequenceBatch';
import { trainSupervised } from './supervised';

export interface AcquisitionOptions {
  seed: number | string;
  /** How many of the epoch's dialogues the oracle continues. */
  annotate: number;
  metric: NoveltyMetric;
  /** Second order: only Bob learns from the annotations; first order: Alice too. */
  order: 'first' | 'second';
  /** SL passes of Bob over D ∪ D′ after each epoch. */
  bobEpochs: number;
  reinforce: Omit<ReinforceOptions, 'seed'>;
}

export interface AcquisitionParticipants {
  alice: Policy;
  bob: Policy;
  /** Takes Bob's seat, with Bob's context, to continue the most novel partial dialogues. */
  oracle: Seat;
  rl: ReinforceState;
  bobOptimizer: tfType.Optimizer;
  aliceOptimizer?: tfType.Optimizer;
}

export interface AcquisitionEpoch {
  selfPlay: PlayedDialogue[];
  novelty: NoveltyScore[];
  /** Indices into selfPlay of the dialogues handed to the oracle, most novel first. */
  selected: number[];
  /** D′: the oracle's continuations, finished. */
  annotated: DialogueState[];
  /** How many acts of D′ the oracle said (the rest are the prefix and Alice's replies). */
  oracleActs: number;
}

/**
 * One epoch of targeted data acquisition (Kwon et al. 2021): Alice plays the epoch's contexts
 * against Bob with RL updates; each dialogue's novelty is Bob's log-probability of Alice's acts;
 * the most novel are cut right after Alice's most novel act and continued by the oracle in
 * Bob's seat against Alice; Bob (and in first order Alice) then trains on D ∪ D′.
 * `data` is D, and the annotations are appended to it.
 */
export async function acquisitionEpoch(
  who: AcquisitionParticipants,
  contexts: readonly Context[],
  data: LearnableDialogue[],
  options: AcquisitionOptions,
): Promise<AcquisitionEpoch> {
  const selfPlayed = await reinforce(
    who.alice,
    { policy: who.bob },
    contexts,
    { ...options.reinforce, seed: `${options.seed}/rl` },
    who.rl,
  );
  const novelty = selfPlayed.map((d) =>
    noveltyOf(d.state.turns, d.listenerLogProbs, 0, options.metric),
  );
  const selected = mostNovel(novelty, options.annotate);
  const continued = await playBatch(
    [{ policy: who.alice }, who.oracle],
    selected.map((index) => {
      const { state } = selfPlayed[index]!;
      return {
        context: state.context,
        firstSpeaker: state.firstSpeaker,
        prefix: cutAtMostNovel(state.turns, novelty[index]!),
      };
    }),
    { seed: `${options.seed}/oracle` },
  );
  const annotated = continued.map((d) => d.state);
  const oracleActs = selected.reduce((sum, index, i) => {
    const prefixLength = novelty[index]!.mostNovelTurn + 1;
    return sum + annotated[i]!.turns.slice(prefixLength).filter((t) => t.speaker === 1).length;
  }, 0);
  data.push(...annotated);
  trainSupervised(
    who.bob,
    data,
    { epochs: options.bobEpochs, seed: `${options.seed}/bob` },
    who.bobOptimizer,
  );
  if (options.order === 'first' && annotated.length > 0) {
    trainSupervised(
      who.alice,
      annotated,
      { epochs: 1, seed: `${options.seed}/alice` },
      who.aliceOptimizer ?? who.rl.optimizer,
    );
  }
  return { selfPlay: selfPlayed, novelty, selected, annotated, oracleActs };
}
