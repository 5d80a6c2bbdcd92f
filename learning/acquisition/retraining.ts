import type { Policy } from '../policyNetwork';
import type { LearnableDialogue } from '../sequenceBatch';
import { trainSupervised } from '../supervised';
import type { FlatAdam } from '../adam';

/** Second order: only Bob learns from the annotations; first order: Alice too (the paper's §4). */
export type AcquisitionOrder = 'first' | 'second';

export interface RetrainOptions {
  order: AcquisitionOrder;
  /** SL passes of Bob over D ∪ D′. */
  bobEpochs: number;
  /** SL passes of Alice over D′ (first order only). */
  aliceEpochs: number;
  seed: string;
}

export interface Retrained {
  bobLoss: number | null;
  aliceLoss: number | null;
}

/**
 * The end of an acquisition epoch: Bob learns by SL on `data` (D ∪ D′: the annotations are
 * already in it), and in first order Alice learns from this epoch's D′ (`annotated`) as well.
 */
export function retrainOnAnnotations(
  who: {
    bob: Policy;
    bobOptimizer: FlatAdam;
    alice?: Policy;
    aliceOptimizer?: FlatAdam;
  },
  data: readonly LearnableDialogue[],
  annotated: readonly LearnableDialogue[],
  options: RetrainOptions,
): Retrained {
  const bobLosses = trainSupervised(
    who.bob,
    data,
    { epochs: options.bobEpochs, seed: `${options.seed}/bob` },
    who.bobOptimizer,
  );
  let aliceLoss: number | null = null;
  if (options.order === 'first' && annotated.length > 0) {
    if (who.alice === undefined || who.aliceOptimizer === undefined) {
      throw new Error('first-order acquisition needs Alice and her optimiser to retrain her');
    }
    const losses = trainSupervised(
      who.alice,
      annotated,
      { epochs: options.aliceEpochs, seed: `${options.seed}/alice` },
      who.aliceOptimizer,
    );
    aliceLoss = losses.at(-1) ?? null;
  }
  return { bobLoss: bobLosses.at(-1) ?? null, aliceLoss };
}

/**
 * Share of the acts in the data Bob trains on (D ∪ every D′ so far) that an oracle said:
 * `oracleActs` counts the oracle's acts in that data, the denominator every act of it, prefixes
 * and Alice's replies in D′ included (an empty data set has share 0).
 */
export function oracleShareOf(data: readonly LearnableDialogue[], oracleActs: number): number {
  const acts = data.reduce((sum, d) => sum + d.turns.length, 0);
  return acts === 0 ? 0 : oracleActs / acts;
}
