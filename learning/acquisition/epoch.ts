import type { DialogueState } from '../../shared/dialogue/dialogue';
import type { Context } from '../../shared/domain/types';
import type { PlayedDialogue, Seat } from '../batchedPlay';
import { noveltyOf, type NoveltyMetric, type NoveltyScore } from '../novelty';
import type { Policy } from '../policyNetwork';
import { reinforce, type ReinforceOptions, type ReinforceState } from '../reinforce';
import type { LearnableDialogue } from '../sequenceBatch';
import { continueWithOracle } from './continuation';
import { retrainOnAnnotations, type AcquisitionOrder } from './retraining';
import { selectForAnnotation, type SelectedCut } from './selection';
import type { FlatAdam } from '../adam';

export interface AcquisitionOptions {
  seed: number | string;
  /** How many of the epoch's dialogues the oracle continues (k). */
  annotate: number;
  metric: NoveltyMetric;
  order: AcquisitionOrder;
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
  bobOptimizer: FlatAdam;
  /** Alice's SL optimiser in first order (RL's optimiser when absent). */
  aliceOptimizer?: FlatAdam;
}

export interface AcquisitionEpoch {
  selfPlay: PlayedDialogue[];
  novelty: NoveltyScore[];
  /** The dialogues handed to the oracle, most novel first, with their cuts. */
  selected: SelectedCut[];
  /** D′: the oracle's continuations, finished. */
  annotated: DialogueState[];
  /** How many acts of D′ the oracle said (the rest are the prefixes and Alice's replies). */
  oracleActs: number;
}

/**
 * One epoch of targeted data acquisition (Kwon et al. 2021), in memory: Alice plays the epoch's
 * contexts against Bob with RL updates; each dialogue's novelty is Bob's log-probability of
 * Alice's acts; the most novel are cut right after Alice's most novel act
 * (`selectForAnnotation`, the same choice a platform round makes) and continued by the oracle in
 * Bob's seat against Alice; Bob (and in first order Alice) then trains on D ∪ D′.
 * `data` is D, and the annotations are appended to it. A platform round runs the same steps as
 * separate jobs (pipeline/).
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
  const states = selfPlayed.map((d) => d.state);
  const novelty = selfPlayed.map((d) =>
    noveltyOf(d.state.turns, d.listenerLogProbs, 0, options.metric),
  );
  const selected = selectForAnnotation(who.alice.shapes.domain, states, novelty, {
    annotate: options.annotate,
  });
  const { annotated, oracleActs } = await continueWithOracle(
    who.alice,
    who.oracle,
    states,
    selected,
    `${options.seed}/oracle`,
  );
  data.push(...annotated);
  retrainOnAnnotations(
    {
      bob: who.bob,
      bobOptimizer: who.bobOptimizer,
      alice: who.alice,
      aliceOptimizer: who.aliceOptimizer ?? who.rl.optimizer,
    },
    data,
    annotated,
    { order: options.order, bobEpochs: options.bobEpochs, aliceEpochs: 1, seed: `${options.seed}` },
  );
  return { selfPlay: selfPlayed, novelty, selected, annotated, oracleActs };
}
