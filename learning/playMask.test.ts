import { beforeAll, describe, expect, it } from 'vitest';
import { applyAct, startDialogue, type Turn } from '../shared/dialogue/dialogue';
import { validActMask } from '../shared/dialogue/validActs';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createRng } from '../shared/random/rng';
import { playBatch } from './batchedPlay';
import { partnerAgreedToMyOffer, playActMask } from './playMask';
import { createPolicy, type Policy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { policyAct } from './policyReply';
import { initTensorflow } from './tensorflowBackend';

let policy: Policy;

beforeAll(async () => {
  const { tf } = await initTensorflow();
  // Untrained on purpose: whatever its weights prefer, a deal it made is closed.
  policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 5), hidden: 16 });
});

const offer = (speaker: 0 | 1, allocation: number[]): Turn => ({
  speaker,
  act: { type: 'propose', allocation },
});

describe('a learned policy closes the deal it made', () => {
  it('knows when the partner has just agreed to its own offer', () => {
    const agreed: Turn = { speaker: 1, act: { type: 'agree' } };
    expect(partnerAgreedToMyOffer([offer(0, [1, 0, 0]), agreed], 0)).toBe(true);
    expect(partnerAgreedToMyOffer([offer(0, [1, 0, 0]), agreed], 1)).toBe(false);
    expect(partnerAgreedToMyOffer([offer(1, [1, 0, 0]), agreed], 0)).toBe(false);
    expect(partnerAgreedToMyOffer([offer(0, [1, 0, 0])], 0)).toBe(false);
    expect(partnerAgreedToMyOffer([], 0)).toBe(false);
  });

  it('answers an agreement to its offer with end, live (seeds 0–19)', async () => {
    const context = dealOrNoDeal.sampleContext(createRng('close-live'));
    let state = startDialogue(dealOrNoDeal, context, 0);
    state = applyAct(state, 0, { type: 'propose', allocation: [...context.counts] });
    state = applyAct(state, 1, { type: 'agree' });
    const acts = [];
    for (let seed = 0; seed < 20; seed++) {
      acts.push((await policyAct(policy, state, 0, createRng(seed))).type);
    }
    expect(acts).toEqual(Array.from({ length: 20 }, () => 'end'));
  });

  it('in self-play, every agreement to an offer is followed by the offerer’s end', async () => {
    const rng = createRng('close-selfplay');
    const starts = Array.from({ length: 64 }, (_, i) => ({
      context: dealOrNoDeal.sampleContext(rng),
      firstSpeaker: (i % 2) as 0 | 1,
    }));
    const played = await playBatch([{ policy }, { policy }], starts, { seed: 'close' });
    let agreements = 0;
    for (const { state } of played) {
      state.turns.forEach((turn, t) => {
        const before = state.turns[t - 1];
        if (turn.act.type === 'agree' && before !== undefined && before.speaker !== turn.speaker) {
          agreements++;
          // The dialogue either ran out of turns here or the offerer closed it.
          expect(state.turns[t + 1] ?? { speaker: before.speaker, act: { type: 'end' } }).toEqual({
            speaker: before.speaker,
            act: { type: 'end' },
          });
        }
      });
    }
    console.log(`self-play agreements checked: ${agreements}`);
    expect(agreements).toBeGreaterThan(0);
  });
});

describe('a learned policy never plays a talk act', () => {
  it.each(['unknown', 'greet', 'inquire'] as const)(
    'masks `%s` in play, while training still reads it in recorded dialogues',
    (type) => {
      const context = dealOrNoDeal.sampleContext(createRng('unknown-mask'));
      const token = vocabularyFor(dealOrNoDeal).encode({ type });
      const history: Turn[] = [offer(0, [...context.counts])];
      expect(validActMask(dealOrNoDeal, context, history, 1)[token]).toBe(1);
      expect(playActMask(dealOrNoDeal, context, history, 1)[token]).toBe(0);
      expect(playActMask(dealOrNoDeal, context, [], 0)[token]).toBe(0);
    },
  );
});
