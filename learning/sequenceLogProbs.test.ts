import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { startDialogue, applyAct } from '../shared/dialogue/dialogue';
import { validActMask } from '../shared/dialogue/validActs';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createPolicy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { policyActLogits } from './policyReply';
import { buildSequenceBatch } from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';
import { initTensorflow } from './tensorflowBackend';

describe('teacher-forced log-probabilities of a batch', () => {
  it("equal the step-by-step model's at every own act, and are 0 past each example's acts", async () => {
    const { tf } = await initTensorflow();
    const seed = 'teacher-forcing';
    console.log(`corpus seed ${seed}`);
    const policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 5));
    const dialogues = [
      ...generateCorpus({
        domain: dealOrNoDeal,
        dialogues: 10,
        seed,
        population: parsePopulation(defaultPopulation),
      }),
    ].map(stateFromRecord);
    const lengths = dialogues.map((d) => d.turns.length);
    // Dialogues of different lengths, so that the batch has padding.
    expect(new Set(lengths).size).toBeGreaterThan(2);
    const perspective = 1;
    const batch = buildSequenceBatch(
      dealOrNoDeal,
      dialogues.map((dialogue) => ({ dialogue, perspective })),
    );
    const acts = tf.tidy(() => sequenceLogProbs(policy, batch).acts).arraySync();
    const vocabulary = vocabularyFor(dealOrNoDeal);
    let compared = 0;
    for (const [n, dialogue] of dialogues.entries()) {
      let state = startDialogue(dealOrNoDeal, dialogue.context, dialogue.firstSpeaker);
      for (const [t, turn] of dialogue.turns.entries()) {
        if (turn.speaker === perspective) {
          // The oracle: the one-step model's logits, log-softmax in doubles over the acts the
          // rules allow here plus the act said (what training allows).
          const logits = await policyActLogits(policy, state, perspective);
          const mask = validActMask(
            dealOrNoDeal,
            dialogue.context,
            dialogue.turns.slice(0, t),
            turn.speaker,
          );
          const target = vocabulary.encode(turn.act);
          mask[target] = 1;
          const allowed = Array.from(logits).filter((_, v) => mask[v] === 1);
          const top = Math.max(...allowed);
          const logSum = top + Math.log(allowed.reduce((s, x) => s + Math.exp(x - top), 0));
          expect(acts[n]![t]!).toBeCloseTo(logits[target]! - logSum, 4);
          compared++;
        }
        state = applyAct(state, turn.speaker, turn.act);
      }
      // The selection step and the padding carry no act.
      expect(acts[n]!.slice(dialogue.turns.length)).toEqual(
        new Array<number>(batch.steps - dialogue.turns.length).fill(0),
      );
    }
    expect(compared).toBeGreaterThan(20);
  });
});
