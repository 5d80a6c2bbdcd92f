import type { DialogueState } from '../../shared/dialogue/dialogue';
import { playBatch, type Seat } from '../batchedPlay';
import type { Policy } from '../policyNetwork';
import type { SelectedCut } from './selection';

export interface Continuations {
  /** D′: each selected dialogue's prefix finished by the oracle (Bob's seat) against Alice. */
  annotated: DialogueState[];
  /** How many acts of D′ the oracle said (the rest are the prefixes and Alice's replies). */
  oracleActs: number;
}

/** The oracle takes Bob's seat after each cut and plays the dialogue out against Alice. */
export async function continueWithOracle(
  alice: Policy,
  oracle: Seat,
  dialogues: readonly DialogueState[],
  cuts: readonly SelectedCut[],
  seed: string,
): Promise<Continuations> {
  if (cuts.length === 0) {
    return { annotated: [], oracleActs: 0 };
  }
  const continued = await playBatch(
    [{ policy: alice }, oracle],
    cuts.map((cut) => {
      const dialogue = dialogues[cut.index]!;
      return { context: dialogue.context, firstSpeaker: dialogue.firstSpeaker, prefix: cut.prefix };
    }),
    { seed },
  );
  const annotated = continued.map((d) => d.state);
  return {
    annotated,
    oracleActs: oracleActsOf(
      annotated,
      cuts.map((c) => c.cutAt),
    ),
  };
}

/** Acts said in Bob's seat after each dialogue's cut. */
export function oracleActsOf(
  annotated: readonly DialogueState[],
  cutAt: readonly number[],
): number {
  return annotated.reduce(
    (sum, d, i) => sum + d.turns.slice(cutAt[i]! + 1).filter((t) => t.speaker === 1).length,
    0,
  );
}
