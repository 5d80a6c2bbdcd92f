import { beforeAll, describe, expect, it } from 'vitest';
import { actViolation } from '../shared/dialogue/actRules';
import { applyAct, startDialogue } from '../shared/dialogue/dialogue';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createRng } from '../shared/random/rng';
import { playBatch } from './batchedPlay';
import { createPolicy, type Policy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { policyAct, policyActLogProbs, policySelect } from './policyReply';
import { trainSupervised } from './supervised';
import { initTensorflow } from './tensorflowBackend';
import { scriptedCorpus } from './testing/scriptedCorpus';

let policy: Policy;

beforeAll(async () => {
  const { tf } = await initTensorflow();
  policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 3), hidden: 24 });
  trainSupervised(policy, scriptedCorpus(dealOrNoDeal, 60, 4), { epochs: 2, seed: 3 });
});

describe('one policy reply in a live dialogue', () => {
  it('gives exactly the probabilities and selections of batched play', async () => {
    const rng = createRng('contexts');
    const starts = Array.from({ length: 4 }, (_, i) => ({
      context: dealOrNoDeal.sampleContext(rng),
      firstSpeaker: (i % 2) as 0 | 1,
    }));
    const played = await playBatch([{ policy }, { policy }], starts, { seed: 'reply' });
    const vocabulary = vocabularyFor(dealOrNoDeal);
    let compared = 0;
    let selections = 0;
    for (const dialogue of played) {
      let state = startDialogue(dealOrNoDeal, dialogue.state.context, dialogue.state.firstSpeaker);
      for (const [t, turn] of dialogue.state.turns.entries()) {
        const row = await policyActLogProbs(policy, state, turn.speaker);
        expect(row[vocabulary.encode(turn.act)]).toBeCloseTo(dialogue.speakerLogProbs[t]!, 4);
        compared++;
        state = applyAct(state, turn.speaker, turn.act);
      }
      if (dialogue.state.outcome?.agreed === true || dialogue.state.endedBy === 'end') {
        for (const agent of [0, 1] as const) {
          expect(await policySelect(policy, state, agent)).toEqual(
            dialogue.state.selections[agent] ?? null,
          );
          selections++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4);
    expect(selections).toBeGreaterThan(0);
  });

  it('samples only acts the rules allow', async () => {
    const rng = createRng('acts');
    const context = dealOrNoDeal.sampleContext(rng);
    let state = startDialogue(dealOrNoDeal, context, 0);
    for (let t = 0; t < 6 && state.endedBy === null; t++) {
      const speaker = (t % 2) as 0 | 1;
      const act = await policyAct(policy, state, speaker, rng);
      expect(actViolation(dealOrNoDeal, state.context, state.turns, speaker, act)).toBeNull();
      state = applyAct(state, speaker, act);
    }
  });
});
