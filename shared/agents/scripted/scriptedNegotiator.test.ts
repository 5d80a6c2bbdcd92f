import { describe, expect, it } from 'vitest';
import type { Act } from '../../dialogue/acts';
import { casino } from '../../domain/casino';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, played, propose } from '../../testing/dialogues';
import { dealContext } from '../../testing/records';
import { viewFor } from '../playDialogue';
import { estimatePartnerUtilities } from '../opponentModel';
import { aimingAt, scriptedNegotiator, type Situation } from './scriptedNegotiator';
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
    const context = dealContext;
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

  it('tells a strategy the time, its best deal, the partner offers and its own count', () => {
    const context = dealContext;
    const seen: Situation[] = [];
    const recording = scriptedNegotiator(
      'recording',
      {
        accepts: (_value, _share, s) => {
          seen.push(s);
          return false;
        },
        offer: (s) => {
          seen.push(s);
          return s.view.counts;
        },
      },
      createRng(1),
    );
    // Agent 0 speaks after three turns: its own offer, the partner's, and its own again.
    const acts: Act[] = [propose(1, 2, 3), propose(1, 0, 3), propose(1, 2, 2), propose(1, 0, 2)];
    const view = nextView(dealOrNoDeal, context, acts);
    recording.act(view);
    const situation = seen[0] as Situation;
    // Time runs over the acts the turn limit allows: 4 of 20 acts, the last being number 19.
    expect(situation.progress).toBe(4 / 19);
    // What the partner's offers leave agent 0 (it values book 1, hats 3, balls 1): 6, then 7.
    expect(situation.partnerOfferValues).toEqual([6, 7]);
    expect(situation.myOffers).toBe(2);
    // Its best deal leaves the partner something by the estimate: everything but what the
    // partner is estimated to value least per point to agent 0.
    const estimate = estimatePartnerUtilities(view);
    expect(estimate.every((v) => v > 0)).toBe(true);
    expect(situation.bestDeal).toBe(9);
  });

  it('agrees exactly at its target', () => {
    const context = dealContext;
    const aiming = scriptedNegotiator(
      'six',
      aimingAt(() => 6),
      createRng(1),
    );
    // Agent 1 answers: agent 0 taking the hats and two balls leaves it the book and a ball, 6.
    expect(aiming.act(nextView(dealOrNoDeal, context, [propose(0, 2, 2)]))).toEqual({
      type: 'agree',
    });
    expect(aiming.act(nextView(dealOrNoDeal, context, [propose(0, 2, 3)])).type).not.toBe('agree');
  });

  it('names its last priority low when asked for it', () => {
    const acts: Act[] = [
      { type: 'statePreference', item: 1, priority: 'high' },
      { type: 'askPreference' },
      { type: 'statePreference', item: 0, priority: 'medium' },
      { type: 'askPreference' },
    ];
    expect(linear().act(nextView(casino, casinoContext, acts))).toEqual({
      type: 'statePreference',
      item: 2,
      priority: 'low',
    });
  });

  it('walks away only on the last two partner offers, both strictly below BATNA, from the given time on', () => {
    // Agent 0 (values food 4, water 5, firewood 3; BATNA 5) answers agent 1's offers (what agent
    // 1 takes), disagreeing in between.
    const after = (partnerTakes: [number, number, number][]): Act[] => [
      { type: 'statePreference', item: 1, priority: 'high' },
      { type: 'statePreference', item: 0, priority: 'high' },
      propose(3, 3, 3),
      ...partnerTakes.flatMap((take, i): Act[] =>
        i === 0 ? [propose(...take)] : [{ type: 'disagree' }, propose(...take)],
      ),
    ];
    const answer = (partnerTakes: [number, number, number][], walkAwayAfter = 0) =>
      timeDependentNegotiator('linear', { e: 1 }, createRng(1), { walkAwayAfter }).act(
        nextView(casino, casinoContext, after(partnerTakes)),
      ).type;
    const all: [number, number, number] = [3, 3, 3]; // leaves agent 0 nothing
    const oneWater: [number, number, number] = [3, 2, 3]; // leaves it 5, its BATNA exactly
    const twoWater: [number, number, number] = [3, 1, 3]; // leaves it 10
    expect(answer([all])).not.toBe('walkaway');
    expect(answer([all, all])).toBe('walkaway');
    expect(answer([twoWater, all, all])).toBe('walkaway');
    expect(answer([all, twoWater, all])).not.toBe('walkaway');
    expect(answer([twoWater, twoWater])).not.toBe('walkaway');
    expect(answer([oneWater, oneWater])).not.toBe('walkaway');
    // From the given time on: after [all, all], 6 acts of the 19 the limit allows have passed.
    expect(answer([all, all], 6 / 19)).toBe('walkaway');
    expect(answer([all, all], 7 / 19)).not.toBe('walkaway');
  });
});
