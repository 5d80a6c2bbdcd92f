import { beforeAll, describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createRng } from '../shared/random/rng';
import { playBatch } from './batchedPlay';
import { clonePolicy, createPolicy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { reinforce, reinforceState } from './reinforce';
import { plainReward, RewardBaseline, rewardOf } from './reward';
import { trainSupervised } from './supervised';
import { acquisitionEpoch } from './acquisition/epoch';
import { scoreDialogues } from './teacherForcedScoring';
import { initTensorflow } from './tensorflowBackend';
import {
  greedyAgreeNegotiator,
  pushoverNegotiator,
  scriptedCorpus,
} from './testing/scriptedCorpus';
import { FlatAdam } from './adam';

let tf: Awaited<ReturnType<typeof initTensorflow>>['tf'];
beforeAll(async () => {
  ({ tf } = await initTensorflow());
});

describe('rewards', () => {
  it('adds the Pareto bonus and normalises only when asked', () => {
    const outcome = {
      agreed: true,
      walkedAway: false,
      allocation: [1, 0, 0],
      scores: [6, 3] as [number, number],
      paretoOptimal: true,
    };
    expect(rewardOf(dealOrNoDeal, outcome, plainReward)).toBe(6);
    expect(rewardOf(dealOrNoDeal, outcome, { paretoBonus: true, normalise: false })).toBe(7);
    expect(rewardOf(dealOrNoDeal, outcome, { paretoBonus: true, normalise: true })).toBeCloseTo(
      1.6,
    );
    expect(
      rewardOf(
        dealOrNoDeal,
        { ...outcome, paretoOptimal: false },
        { paretoBonus: true, normalise: false },
      ),
    ).toBe(6);
  });

  it('normalises by the running mean and standard deviation', () => {
    const baseline = new RewardBaseline();
    expect(baseline.advantage(4)).toBe(0);
    expect(baseline.advantage(8)).toBeCloseTo(1); // mean 6, std 2
    expect(baseline.advantage(0)).toBeCloseTo((0 - 4) / Math.sqrt(32 / 3));
  });
});

describe('REINFORCE', () => {
  it('raises Alice’s score against a fixed partner', async () => {
    const alice = createPolicy(tf, defaultPolicyConfig('dealornodeal', 1));
    const state = reinforceState(tf, 0.003);
    const rng = createRng(5);
    const meanScores: number[] = [];
    for (let round = 0; round < 15; round++) {
      const contexts = Array.from({ length: 192 }, () => dealOrNoDeal.sampleContext(rng));
      const played = await reinforce(
        alice,
        { negotiator: () => pushoverNegotiator() },
        contexts,
        { seed: round, reward: plainReward, batchSize: 64 },
        state,
      );
      meanScores.push(played.reduce((s, d) => s + d.state.outcome!.scores[0], 0) / played.length);
    }
    console.log(`mean scores ${meanScores.map((m) => m.toFixed(2)).join(' ')}`);
    expect(meanScores.slice(-2).reduce((a, b) => a + b) / 2).toBeGreaterThan(meanScores[0]! + 1.5);
    // Fifteen RL rounds of 192 dialogues (short ones: each deal is closed at once): seconds on an
    // idle 2-core machine, far more on a loaded one.
  }, 180_000);
});

describe('targeted acquisition', () => {
  it('hands the k most novel prefixes to the oracle and retrains Bob on what it said', async () => {
    const data = scriptedCorpus(dealOrNoDeal, 200, 3);
    const bob = createPolicy(tf, defaultPolicyConfig('dealornodeal', 2));
    const bobOptimizer = new FlatAdam(tf, 0.01);
    trainSupervised(bob, data, { epochs: 4, seed: 1 }, bobOptimizer);
    const alice = createPolicy(tf, defaultPolicyConfig('dealornodeal', 3));
    const rng = createRng(9);
    const contexts = Array.from({ length: 96 }, () => dealOrNoDeal.sampleContext(rng));
    const D = [...data];
    const bobBefore = clonePolicy(bob);
    const epoch = await acquisitionEpoch(
      {
        alice,
        bob,
        oracle: { negotiator: () => greedyAgreeNegotiator() },
        rl: reinforceState(tf),
        bobOptimizer,
      },
      contexts,
      D,
      {
        seed: 1,
        annotate: 12,
        metric: 'minLogProb',
        order: 'second',
        bobEpochs: 1,
        reinforce: { reward: plainReward, batchSize: 32 },
      },
    );
    expect(epoch.selected).toHaveLength(12);
    expect(D).toHaveLength(200 + 12);
    const chosen = epoch.selected.map((s) => s.index);
    const selectedScores = chosen.map((i) => epoch.novelty[i]!.score);
    // Every dialogue more novel than the least novel one chosen was passed over for a reason
    // the definition gives: its prefix holds an agreement, or the cut leaves Bob nothing to say.
    const passedOver = epoch.novelty
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => !chosen.includes(i) && n.mostNovelTurn >= 0)
      .filter(({ n }) => n.score < Math.max(...selectedScores));
    for (const { n, i } of passedOver) {
      const turns = epoch.selfPlay[i]!.state.turns;
      const prefix = turns.slice(0, n.mostNovelTurn + 1);
      const next = turns[n.mostNovelTurn + 1];
      const over = next === undefined || next.speaker !== 1 || prefix.at(-1)!.act.type === 'end';
      expect({ i, reason: prefix.some((t) => t.act.type === 'agree') || over }).toEqual({
        i,
        reason: true,
      });
    }
    expect(selectedScores).toEqual([...selectedScores].sort((a, b) => a - b));
    epoch.selected.forEach(({ index, cutAt }, i) => {
      const original = epoch.selfPlay[index]!.state;
      expect(cutAt).toBe(epoch.novelty[index]!.mostNovelTurn);
      const annotated = epoch.annotated[i]!;
      expect(annotated.turns.slice(0, cutAt + 1)).toEqual(original.turns.slice(0, cutAt + 1));
      expect(annotated.context).toEqual(original.context);
      expect(annotated.outcome).not.toBeNull();
    });
    expect(epoch.oracleActs).toBeGreaterThan(0);
    // Bob learned from D′: the continued dialogues, Alice's novel acts included, became likelier to him.
    const logLikelihood = async (policy: typeof bob) =>
      (await scoreDialogues(policy, epoch.annotated, 1)).flat().reduce((a, b) => a + b, 0);
    expect(await logLikelihood(bob)).toBeGreaterThan((await logLikelihood(bobBefore)) + 10);
  });

  it('continues a prefix with a negotiator in Bob’s seat, replaying the prefix as it is', async () => {
    const alice = createPolicy(tf, defaultPolicyConfig('dealornodeal', 4));
    const context = dealOrNoDeal.sampleContext(createRng(1));
    const prefix = [
      { speaker: 0 as const, act: { type: 'propose' as const, allocation: [0, 0, 0] } },
    ];
    const [played] = await playBatch(
      [{ policy: alice }, { negotiator: () => greedyAgreeNegotiator() }],
      [{ context, firstSpeaker: 0, prefix }],
      { seed: 1 },
    );
    expect(played!.state.turns.slice(0, 2)).toEqual([
      ...prefix,
      { speaker: 1, act: { type: 'agree' } },
    ]);
    expect(Number.isNaN(played!.speakerLogProbs[0])).toBe(true);
    expect(played!.listenerLogProbs[1]).toBeLessThanOrEqual(0); // Alice's model heard the agree
    const bobSeatScores = await scoreDialogues(alice, [played!.state], 0);
    expect(bobSeatScores[0]).toHaveLength(played!.state.turns.length);
  });
});
