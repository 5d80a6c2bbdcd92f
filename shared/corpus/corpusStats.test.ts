import { describe, expect, it } from 'vitest';
import { applySelection } from '../dialogue/dialogue';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Context } from '../domain/types';
import { played, propose } from '../testing/dialogues';
import { corpusStats } from './corpusStats';
import type { DialogueRecord } from './dialogueRecord';
import { recordFromState } from './recordConversion';

const context: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};
const meta = {
  id: 'x',
  source: 'synthetic' as const,
  provenance: { generator: 't', seed: 0, index: 0, negotiators: ['a', 'b'] as [string, string] },
};

function record(
  acts: Parameters<typeof played>[2],
  selections: [number[] | null, number[] | null],
): DialogueRecord {
  let state = played(dealOrNoDeal, context, acts);
  state = applySelection(applySelection(state, 0, selections[0]), 1, selections[1]);
  return recordFromState(state, meta);
}

describe('corpusStats', () => {
  it('summarises dialogues, acts, outcomes and repetition', () => {
    const deal = record(
      [propose(0, 2, 0), { type: 'agree' }, { type: 'end' }],
      [
        [0, 2, 0],
        [1, 0, 3],
      ],
    ); // Pareto-optimal
    const dominated = record(
      [propose(1, 2, 0), { type: 'agree' }, { type: 'end' }],
      [
        [1, 2, 0],
        [0, 0, 3],
      ],
    );
    const insist = { type: 'insist' as const, allocation: [1, 2, 3] };
    // Both want everything and repeat themselves: 3 distinct acts out of 8.
    const stuck = record(
      [propose(1, 2, 3), propose(1, 2, 3), insist, insist, insist, insist, insist, { type: 'end' }],
      [null, null],
    );
    const stats = corpusStats([deal, dominated, stuck]);
    expect(stats).toMatchObject({
      dialogues: 3,
      meanLength: 14 / 3,
      agreementRate: 2 / 3,
      paretoOptimalRate: 1 / 2,
      walkAwayRate: 0,
      // D_L by act types: each of the three says at most two (propose/agree, propose/insist).
      lowQuality: 3,
      sources: { synthetic: 3 },
    });
    expect(stats.actDistribution).toEqual({
      agree: 2 / 14,
      end: 3 / 14,
      insist: 5 / 14,
      propose: 4 / 14,
    });
    expect(stats.meanScores).toEqual([(6 + 7 + 0) / 3, (10 + 6 + 0) / 3]);
    expect(stats.meanUniqueActRatio).toBeCloseTo((1 + 1 + 3 / 8) / 3);
  });

  it('counts Pareto-optimal deals among deals, walk-aways among dialogues, act types per dialogue', () => {
    const optimal = record(
      [propose(0, 2, 0), { type: 'agree' }, { type: 'end' }],
      [
        [0, 2, 0],
        [1, 0, 3],
      ],
    );
    const dominated = record(
      [propose(1, 2, 0), { type: 'agree' }, { type: 'end' }],
      [
        [1, 2, 0],
        [0, 0, 3],
      ],
    );
    const walkedAway = recordFromState(
      played(
        casino,
        {
          counts: [3, 3, 3],
          utilities: [
            [5, 4, 3],
            [3, 4, 5],
          ],
        },
        [propose(3, 0, 0), { type: 'walkaway' }],
      ),
      { ...meta, id: 'w' },
    );
    expect(walkedAway.outcome.walkedAway).toBe(true);
    const stats = corpusStats([optimal, optimal, dominated, walkedAway]);
    expect(stats.paretoOptimalRate).toBe(2 / 3);
    expect(stats.walkAwayRate).toBe(1 / 4);
    // propose+agree three times, propose alone once (walk-away is not among the counted types).
    expect(stats.meanActTypes).toBe((2 + 2 + 2 + 1) / 4);
    // The act shares are listed by type name, whatever order the acts came in.
    expect(Object.keys(stats.actDistribution)).toEqual(['agree', 'end', 'propose', 'walkaway']);
  });

  it('has nothing to average in an empty corpus', () => {
    expect(corpusStats([])).toStrictEqual({
      dialogues: 0,
      meanLength: null,
      actDistribution: {},
      agreementRate: null,
      paretoOptimalRate: null,
      walkAwayRate: null,
      meanScores: null,
      meanUniqueActRatio: null,
      meanActTypes: null,
      lowQuality: 0,
      sources: {},
    });
  });
});
