import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import type { Turn } from '../shared/dialogue/dialogue';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { buildSequenceBatch, type LearnableDialogue } from './sequenceBatch';

// A new object with the same content (a new turn list too).
const fresh = (d: LearnableDialogue): LearnableDialogue => ({
  context: d.context,
  firstSpeaker: d.firstSpeaker,
  turns: [...d.turns],
  selections: d.selections,
});

describe('building a batch', () => {
  it('gives the same arrays for a dialogue seen before (its encoding is kept) and after its turns change', () => {
    const seed = 'batch-cache';
    console.log(`corpus seed ${seed}`);
    const [first, second] = [
      ...generateCorpus({
        domain: dealOrNoDeal,
        dialogues: 2,
        seed,
        population: parsePopulation(defaultPopulation),
      }),
    ].map(stateFromRecord);
    const dialogue = fresh(first!);
    const build = (d: LearnableDialogue) =>
      buildSequenceBatch(dealOrNoDeal, [
        { dialogue: d, perspective: 0 },
        { dialogue: second!, perspective: 1 },
      ]);
    const once = build(dialogue);
    expect(build(dialogue)).toEqual(once);
    expect(build(fresh(dialogue))).toEqual(once);
    // The same object, its turn list grown in place: encoded again, as a new object would be.
    (dialogue.turns as Turn[]).push(...second!.turns.slice(0, 2));
    const grown = build(dialogue);
    expect(grown).toEqual(build(fresh(dialogue)));
    expect(grown.actMasks).not.toEqual(once.actMasks);
  });
});
