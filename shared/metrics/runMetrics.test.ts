import { describe, expect, it } from 'vitest';
import { agreedShare } from '../dialogue/agreement';
import { applyAct, applySelection, startDialogue, type DialogueState } from '../dialogue/dialogue';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Context } from '../domain/types';
import { runMetrics } from './runMetrics';

// A values book/hat/ball 1/3/1, B 4/0/2; the best joint score is 16 (A: hats, B: book + balls).
const skewed: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};
// Here A taking one of each gives both 5 (but A taking both books and a ball gives both 6).
const even: Context = {
  counts: [2, 2, 2],
  utilities: [
    [2, 1, 2],
    [1, 2, 2],
  ],
};

/** A finished dialogue: agent 0 proposes `allocation`, agent 1 agrees (or disagrees), end. */
function negotiate(context: Context, allocation: number[], agreed: boolean): DialogueState {
  let state = startDialogue(dealOrNoDeal, context);
  state = applyAct(state, 0, { type: 'propose', allocation });
  state = applyAct(state, 1, { type: agreed ? 'agree' : 'disagree' });
  state = applyAct(state, 0, { type: 'end' });
  state = applySelection(state, 0, agreedShare(state.turns, 0, context.counts));
  return applySelection(state, 1, agreedShare(state.turns, 1, context.counts));
}

const run = [
  negotiate(skewed, [0, 2, 1], true), // 7 vs 8, Pareto-optimal, joint 15 < 16
  negotiate(skewed, [0, 2, 0], true), // 6 vs 10, Pareto-optimal, joint 16
  negotiate(skewed, [1, 2, 0], true), // 7 vs 6, dominated by (7, 8)
  negotiate(even, [1, 1, 1], true), // 5 vs 5
  negotiate(skewed, [1, 2, 3], false), // no deal: 0 vs 0
];

describe('runMetrics', () => {
  it('computes every metric of agent 0 against its partner', () => {
    expect(run.map((d) => d.outcome?.scores)).toEqual([
      [7, 8],
      [6, 10],
      [7, 6],
      [5, 5],
      [0, 0],
    ]);
    const m = runMetrics(run);
    expect(m).toMatchObject({ dialogues: 5, agreed: 4, novelty: null, meanLength: 3 });
    expect(m.advantage).toBeCloseTo((-1 - 4 + 1 + 0 + 0) / 5);
    expect(m.meanScore).toBeCloseTo(25 / 5);
    expect(m.meanPartnerScore).toBeCloseTo(29 / 5);
    expect(m.agreementRate).toBeCloseTo(4 / 5);
    // (7, 6) is dominated by (7, 8); in `even`, (5, 5) by A taking both books and a ball (6, 6).
    expect(m.paretoOptimalRate).toBeCloseTo(2 / 4);
    expect(m.maxJointRate).toBeCloseTo(1 / 4); // only (6, 10) reaches 16; `even`'s best is 12
    expect(m.equalScoreRate).toBeCloseTo(1 / 4);
  });

  it('takes agent 1’s point of view when asked', () => {
    const m = runMetrics(run, { agent: 1 });
    expect(m.advantage).toBeCloseTo(4 / 5);
    expect(m.meanScore).toBeCloseTo(29 / 5);
    expect(m.agreementRate).toBeCloseTo(4 / 5);
  });

  it('computes novelty from the partner’s probabilities of the agent’s acts', () => {
    // Agent 0 says two acts (propose, end) in each dialogue.
    const probabilities = [
      [0.5, 1],
      [0.1, 0.9],
      [0.2, 0.8],
      [0, 1],
      [0.3, 0.2],
    ];
    const m = runMetrics(run, { partnerProbabilities: probabilities });
    expect(m.novelty).toBeCloseTo(1 - 5 / 10);
    // Agent 1 says one act per dialogue.
    expect(
      runMetrics(run, { agent: 1, partnerProbabilities: [[1], [1], [1], [1], [0]] }).novelty,
    ).toBeCloseTo(0.2);
    expect(() => runMetrics(run, { partnerProbabilities: [[0.5]] })).toThrow(
      /each of the 5 dialogues/,
    );
    expect(() => runMetrics(run, { partnerProbabilities: probabilities.map(() => [0.5]) })).toThrow(
      /agent 0 said 2 acts but 1 probabilities/,
    );
    expect(() =>
      runMetrics(run, { partnerProbabilities: probabilities.map(() => [0.5, 1.5]) }),
    ).toThrow(/1.5 is not a probability/);
  });

  it('counts the Pareto-optimal deals, not the others', () => {
    // (7, 8) and (6, 10) are on the frontier, (7, 6) is not: 2 of 3, where the rest are 1 of 3.
    expect(runMetrics(run.slice(0, 3)).paretoOptimalRate).toBeCloseTo(2 / 3, 12);
    expect(runMetrics(run.slice(0, 2)).paretoOptimalRate).toBe(1);
  });

  it('refuses a negative probability and has no novelty when the agent said nothing', () => {
    expect(() => runMetrics(run, { partnerProbabilities: run.map(() => [0.5, -0.1]) })).toThrow(
      'dialogue 0: -0.1 is not a probability',
    );
    // Agent 1 of a dialogue where only agent 0 spoke: no act, so no mean to take.
    const silent = { ...run[0]!, turns: run[0]!.turns.filter((t) => t.speaker === 0) };
    expect(runMetrics([silent], { agent: 1, partnerProbabilities: [[]] }).novelty).toBeNull();
  });

  it('leaves rates without a denominator null, and refuses unfinished dialogues', () => {
    expect(runMetrics([])).toMatchObject({
      dialogues: 0,
      advantage: null,
      agreementRate: null,
      meanLength: null,
    });
    const noDeals = runMetrics([negotiate(skewed, [1, 0, 0], false)]);
    expect(noDeals).toMatchObject({
      agreementRate: 0,
      paretoOptimalRate: null,
      equalScoreRate: null,
    });
    expect(() => runMetrics([startDialogue(dealOrNoDeal, skewed)])).toThrow(
      /dialogue 0 has no outcome/,
    );
  });
});
