import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { isLowQuality } from '../shared/corpus/uniqueActs';
import type { Act } from '../shared/dialogue/acts';
import { agreedShare } from '../shared/dialogue/agreement';
import { applyAct, startDialogue, type DialogueState } from '../shared/dialogue/dialogue';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { dealScores } from '../shared/domain/scoring';
import type { Context } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import { createPolicy, type Policy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { policySelect } from './policyReply';
import { selectionCandidates } from './selectionCandidates';
import { selfPlay } from './selfPlay';
import { trainSupervised } from './supervised';
import { initTensorflow } from './tensorflowBackend';

const context: Context = {
  counts: [1, 2, 3],
  utilities: [
    [4, 0, 2],
    [0, 2, 2],
  ],
};

function play(acts: readonly [0 | 1, Act][]): DialogueState {
  return acts.reduce(
    (state, [speaker, act]) => applyAct(state, speaker, act),
    startDialogue(dealOrNoDeal, context, 0),
  );
}

describe('selection candidates', () => {
  it('are "no agreement" and every offered share while nothing is agreed', () => {
    const state = play([
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'disagree' }],
      [0, { type: 'end' }],
    ]);
    const candidates = selectionCandidates(dealOrNoDeal, context.counts, [0, 2, 2], state.turns, 1);
    expect(candidates.allocations).toEqual([null, [0, 2, 1]]);
  });

  it('describe each candidate: share, who offered it, how recently, agreed, own value', () => {
    // Counts 1 book, 2 hats, 3 balls; Bob (1) values them 0, 2, 2. DealOrNoDeal: at most 4 of an
    // item, 20 turns, 10 points, no-deal worth 0.
    const state = play([
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'propose', allocation: [0, 2, 3] }],
      [0, { type: 'disagree' }],
      [1, { type: 'end' }],
    ]);
    const candidates = selectionCandidates(dealOrNoDeal, context.counts, [0, 2, 2], state.turns, 1);
    expect(candidates.allocations).toEqual([null, [0, 2, 3], [0, 2, 1]]);
    expect(candidates.features).toEqual([
      // No agreement: no items, the "no agreement" flag, worth the no-deal value.
      [0, 0, 0, 1, 0, 0, 0, 0 / 10],
      // Bob's own offer, 3 turns from the end: 2 hats + 3 balls = 10 points.
      [0 / 4, 2 / 4, 3 / 4, 0, 1, 3 / 20, 0, 10 / 10],
      // Alice's offer, read as Bob's share (the complement), 4 turns from the end: 6 points.
      [0 / 4, 2 / 4, 1 / 4, 0, 0, 4 / 20, 0, 6 / 10],
    ]);
  });

  it('list a repeated offer once, at its latest position, agreed if any of its repeats was', () => {
    const repeated = play([
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'disagree' }],
      [0, { type: 'insist', allocation: [1, 0, 2] }],
      [1, { type: 'disagree' }],
      [0, { type: 'end' }],
    ]);
    const once = selectionCandidates(dealOrNoDeal, context.counts, [0, 2, 2], repeated.turns, 1);
    expect(once.allocations).toEqual([null, [0, 2, 1]]);
    // Latest position (3 turns from the end), and never agreed to.
    expect(once.features[1]?.slice(dealOrNoDeal.items.length + 2, -1)).toEqual([(5 - 2) / 20, 0]);

    // Agreed the first time, offered again after: the one candidate is flagged as agreed.
    const agreedEarlier = play([
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'agree' }],
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'end' }],
    ]);
    const flagged = selectionCandidates(
      dealOrNoDeal,
      context.counts,
      [0, 2, 2],
      agreedEarlier.turns,
      1,
    );
    expect(flagged.allocations).toEqual([[0, 2, 1]]);
    expect(flagged.features[0]?.slice(dealOrNoDeal.items.length + 2, -1)).toEqual([
      (4 - 2) / 20,
      1,
    ]);
  });

  it('are the agreed share alone once an offer was agreed, whatever was offered after', () => {
    const state = play([
      [0, { type: 'propose', allocation: [1, 0, 2] }],
      [1, { type: 'agree' }],
      [0, { type: 'propose', allocation: [1, 2, 3] }],
      [1, { type: 'end' }],
    ]);
    for (const me of [0, 1] as const) {
      const candidates = selectionCandidates(
        dealOrNoDeal,
        context.counts,
        context.utilities[me],
        state.turns,
        me,
      );
      expect(candidates.allocations).toEqual([agreedShare(state.turns, me, context.counts)]);
      expect(candidates.features).toHaveLength(1);
      // Its "agreed to" feature is set.
      expect(candidates.features[0]?.[dealOrNoDeal.items.length + 3]).toBe(1);
    }
  });
});

/**
 * A round's bootstrap Alice and Bob: SL on the low-quality part of a synthetic corpus for two
 * epochs — a handful of optimiser steps, so the selection head has learned next to nothing.
 */
describe('a barely trained policy', () => {
  let policy: Policy;
  beforeAll(async () => {
    const { tf } = await initTensorflow();
    const low = [
      ...generateCorpus({
        domain: dealOrNoDeal,
        dialogues: 200,
        seed: 'barely-trained',
        population: parsePopulation(defaultPopulation),
      }),
    ]
      .map(stateFromRecord)
      .filter((d) => isLowQuality(d));
    policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 1), hidden: 32 });
    trainSupervised(policy, low, { epochs: 2, seed: 'barely-trained' });
  });

  it('ends every self-play dialogue that holds an agreement in a deal', async () => {
    const seed = 'keeps-its-word';
    const rng = createRng(seed);
    const contexts = Array.from({ length: 48 }, () => dealOrNoDeal.sampleContext(rng));
    const played = await selfPlay([policy, policy], contexts, { seed });
    const agreements = played.filter(
      (d) => agreedShare(d.state.turns, 0, d.state.context.counts) !== null,
    );
    expect(agreements.length, `seed ${seed}`).toBeGreaterThan(0);
    for (const { state } of agreements) {
      const share = agreedShare(state.turns, 0, state.context.counts)!;
      expect(state.selections).toEqual([share, agreedShare(state.turns, 1, state.context.counts)]);
      expect(state.outcome).toMatchObject({
        agreed: true,
        scores: dealScores(state.context, share),
      });
    }
  });

  it('answers an agreement with the agreed share live, after a new offer too', async () => {
    // The live failure: Bob agrees to Alice's offer, Alice offers something else, Bob ends.
    const seed = 'live-agreement';
    const rng = createRng(seed);
    for (let i = 0; i < 16; i++) {
      const context = dealOrNoDeal.sampleContext(rng);
      const offer = context.counts.map((c) => rng.int(0, c));
      const other = context.counts.map((c, item) => c - (offer[item] ?? 0));
      let state = startDialogue(dealOrNoDeal, context, 0);
      state = applyAct(state, 0, { type: 'propose', allocation: offer });
      state = applyAct(state, 1, { type: 'agree' });
      state = applyAct(state, 0, { type: 'propose', allocation: other });
      state = applyAct(state, 1, { type: 'end' });
      expect(await policySelect(policy, state, 0), `seed ${seed}, dialogue ${i}`).toEqual(offer);
      expect(await policySelect(policy, state, 1), `seed ${seed}, dialogue ${i}`).toEqual(other);
    }
  });
});
