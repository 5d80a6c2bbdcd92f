import { describe, expect, it } from 'vitest';
import type { Act } from '../../dialogue/acts';
import { casino } from '../../domain/casino';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, played, propose } from '../../testing/dialogues';
import { viewFor } from '../playDialogue';
import { timeDependentNegotiator } from './timeDependent';

const casinoContext: Context = {
  counts: [3, 3, 3],
  utilities: [
    [4, 5, 3],
    [5, 3, 4],
  ],
};
const linear = (seed = 1) => timeDependentNegotiator('linear', { e: 1 }, createRng(seed));

describe('the shared turn logic of scripted negotiators', () => {
  it('ends the dialogue once the partner agrees to its offer, and selects the agreed share', () => {
    const context: Context = {
      counts: [1, 2, 3],
      utilities: [
        [1, 3, 1],
        [4, 0, 2],
      ],
    };
    const acts: Act[] = [propose(0, 2, 3), { type: 'agree' }];
    expect(linear().act(nextView(dealOrNoDeal, context, acts))).toEqual({ type: 'end' });
    const ended = played(dealOrNoDeal, context, [...acts, { type: 'end' }]);
    expect(linear().select(viewFor(ended, 0))).toEqual([0, 2, 3]);
    expect(linear().select(viewFor(ended, 1))).toEqual([1, 0, 0]);
    const noDeal = played(dealOrNoDeal, context, [propose(0, 2, 3), { type: 'end' }]);
    expect(linear().select(viewFor(noDeal, 1))).toBeNull();
  });

  it('states its top priority truthfully at its first CaSiNo turn', () => {
    expect(linear().act(nextView(casino, casinoContext, []))).toEqual({
      type: 'statePreference',
      item: 1,
      priority: 'high',
    });
    // Agent 1 (food 5) answers the same way, then goes on to offer.
    const second = nextView(casino, casinoContext, [
      { type: 'statePreference', item: 1, priority: 'high' },
    ]);
    expect(linear().act(second)).toEqual({ type: 'statePreference', item: 0, priority: 'high' });
  });

  it('accepts a good CaSiNo opening offer rather than talking about priorities first', () => {
    // Agent 0 opens by asking only for food: agent 1 (food 5, water 3, firewood 4) keeps 21.
    const view = nextView(casino, casinoContext, [propose(3, 0, 0)]);
    expect(linear().act(view)).toMatchObject({ type: 'statePreference' });
    // Agent 0 asks for one water only: agent 1 keeps 15 + 6 + 12 = 33 of 36 — accepted.
    expect(linear().act(nextView(casino, casinoContext, [propose(0, 1, 0)]))).toEqual({
      type: 'agree',
    });
  });

  it('answers a priority question with its next unstated priority', () => {
    const acts: Act[] = [
      { type: 'statePreference', item: 1, priority: 'high' },
      { type: 'askPreference' },
    ];
    expect(linear().act(nextView(casino, casinoContext, acts))).toEqual({
      type: 'statePreference',
      item: 0,
      priority: 'medium',
    });
  });

  it('keeps preferences to itself when told to', () => {
    const secretive = timeDependentNegotiator('linear', { e: 1 }, createRng(1), {
      sharesPreferences: false,
    });
    expect(secretive.act(nextView(casino, casinoContext, [])).type).toBe('propose');
  });

  it('walks away late when the partner’s last two offers stay below BATNA', () => {
    // Agent 1 demands everything (agent 0 would get 0 < 5) again and again.
    const greedyRounds = (rounds: number): Act[] => [
      { type: 'statePreference', item: 1, priority: 'high' },
      { type: 'statePreference', item: 0, priority: 'high' },
      ...Array.from({ length: rounds }, (_, i): Act[] => [
        i === 0 ? propose(3, 3, 3) : { type: 'insist', allocation: [3, 3, 3] },
        i === 0 ? propose(3, 3, 3) : { type: 'insist', allocation: [3, 3, 3] },
      ]).flat(),
    ];
    // Early on it keeps negotiating; past 60 % of the turns it leaves.
    expect(linear().act(nextView(casino, casinoContext, greedyRounds(2))).type).toMatch(
      /propose|insist/,
    );
    expect(linear().act(nextView(casino, casinoContext, greedyRounds(6)))).toEqual({
      type: 'walkaway',
    });
  });
});
