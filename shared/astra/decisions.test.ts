import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { complement } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import { concessionSchedule } from './concession';
import { decide } from './decisions';
import { readRecord } from './negotiationRecord';
import { defaultAstraOptions, paperReadings, resolveOptions, type AstraOptions } from './options';
import { assessStance } from './stance';
import { preferredGroup, type TacticContext } from './tactics';
import type { ScoredCandidate } from './selection';
import type { AstraTurn } from './types';

// CaSiNo, food / water / firewood: we value 5/4/3, the partner (IPP) 3/4/5.
const own = [5, 4, 3];
const partner = [3, 4, 5];
const counts = [3, 3, 3];
const offer = (speaker: 'self' | 'partner', allocation: number[]): AstraTurn => ({
  speaker,
  act: { type: 'propose', allocation },
});
const act = (speaker: 'self' | 'partner', type: 'askPreference' | 'agree'): AstraTurn => ({
  speaker,
  act: { type },
});

/** A selected candidate worth `ownScore` to us (only its score and allocation matter here). */
function candidate(allocation: number[]): ScoredCandidate {
  const partnerShare = complement(counts, allocation);
  return {
    allocation,
    partnerShare,
    ownScore: scoreOf(own, allocation),
    partnerScore: scoreOf(partner, partnerShare),
    sources: [],
    pap: 0,
    papParts: { scoreShare: 0, movement: 0 },
    sa: 0,
    tactic: null,
    final: 0,
  };
}

function decision(
  turns: AstraTurn[],
  chosen: ScoredCandidate | null = null,
  overrides: Partial<AstraOptions> = {},
) {
  const options = { ...defaultAstraOptions, ...overrides };
  const record = readRecord(counts, ['food', 'water', 'firewood'], turns);
  const schedule = concessionSchedule(casino, record, own, partner, options);
  return decide(casino, record, own, partner, chosen, schedule, options);
}

/** The partner opens (turn 0) and repeats `partnerOffer`; we answer with `ours` in turn. */
function alternating(length: number, partnerOffer: number[], ours: number[][]): AstraTurn[] {
  return Array.from({ length }, (_, turn) =>
    turn % 2 === 0
      ? offer('partner', partnerOffer)
      : offer('self', ours[Math.min(ours.length - 1, (turn - 1) / 2)] ?? []),
  );
}

// The partner keeps 1 food, all water and firewood: 30 for it, 10 for us (above BATNA 5), a lead
// of 20 > 18 (maxPartnerLeadShare × 36); keeping only water and firewood: 27 for it, 15 for us.
const lopsided = [1, 3, 3];
const stiff = [0, 3, 3];
const conceding = [
  [3, 3, 2],
  [3, 3, 1],
  [3, 2, 1],
  [2, 3, 1],
  [2, 2, 2],
];

describe('decide: walking away', () => {
  it('walks away at an impasse: no concession while we conceded to our reservation, and a lopsided offer', () => {
    expect(decision(alternating(17, lopsided, conceding))).toMatchObject({
      action: 'walkaway',
      rule: 'walkAwayStubbornPartner',
    });
  });

  it('does not walk away from a stubborn partner while our floor is still above our reservation', () => {
    // Turn 9: a deadline-driven (Boulware) partner looks exactly like this and concedes later.
    expect(decision(alternating(9, lopsided, conceding)).action).not.toBe('walkaway');
  });

  it('does not walk away from a partner that holds firm while we held firm too (no unreciprocated concession)', () => {
    expect(decision(alternating(17, lopsided, [[3, 3, 1]])).action).not.toBe('walkaway');
  });

  it('does not walk away from a stubborn partner whose offer it would still take at the deadline', () => {
    expect(decision(alternating(17, stiff, conceding)).action).not.toBe('walkaway');
  });

  it('warns at the first offer below BATNA by stating its top priority, and walks away after two more', () => {
    const everything = offer('partner', [3, 3, 3]);
    const warned = decision([everything]);
    expect(warned).toMatchObject({
      action: 'statePreference',
      rule: 'warnBelowBatna',
      statement: { item: 0, priority: 'high' },
    });
    expect(warned.warning).toMatch(/below our BATNA 5/);
    const turns: AstraTurn[] = [
      everything,
      { speaker: 'self', act: { type: 'statePreference', item: 0, priority: 'high' } },
      offer('partner', [3, 2, 3]),
      offer('self', [3, 3, 0]),
      everything,
    ];
    expect(decision(turns)).toMatchObject({
      action: 'walkaway',
      rule: 'walkAwayBelowBatna',
      offersBelowBatna: 3,
    });
  });

  it('never walks away where the domain has no walk-away', () => {
    const turns = alternating(17, [1, 2, 2], [[1, 0, 0]]);
    const record = readRecord([1, 2, 2], ['book', 'hat', 'ball'], turns);
    const utilities = [2, 2, 2];
    const schedule = concessionSchedule(
      dealOrNoDeal,
      record,
      utilities,
      utilities,
      defaultAstraOptions,
    );
    const result = decide(
      dealOrNoDeal,
      record,
      utilities,
      utilities,
      null,
      schedule,
      defaultAstraOptions,
    );
    expect(result.action).not.toBe('walkaway');
  });
});

describe('decide: accepting', () => {
  const ask = candidate([3, 3, 1]); // 30 for us

  it('accepts an offer worth what it would ask for now, unless it leaves the partner far ahead', () => {
    const low = candidate([2, 0, 0]); // we would ask for only 10
    expect(decision([offer('partner', stiff)], low)).toMatchObject({
      action: 'accept',
      rule: 'acceptOfferAtLeastOurs',
    });
    expect(decision([offer('partner', lopsided)], low).action).not.toBe('accept');
  });

  it('takes an even-or-better split at its final offer, not before', () => {
    // The partner keeps 2 water, 2 firewood: 18 for it, 22 for us — below the 30 we ask for.
    const even = alternating(17, [0, 2, 2], [[3, 3, 1]]);
    expect(decision(even, ask)).toMatchObject({ action: 'accept', rule: 'acceptEvenSplitAtEnd' });
    expect(decision(even.slice(0, 9), ask).action).not.toBe('accept');
  });

  it('accepts at its last turn what beats no deal, but not a lopsided ultimatum', () => {
    const lastTurn = (partnerOffer: number[]) => alternating(19, partnerOffer, [[3, 3, 1]]);
    expect(decision(lastTurn(stiff), ask)).toMatchObject({
      action: 'accept',
      rule: 'acceptAtDeadline',
    });
    expect(decision(lastTurn(lopsided), ask).action).not.toBe('accept');
    expect(decision(lastTurn(stiff), ask, { deadlineAcceptance: false }).action).not.toBe('accept');
  });

  it('ends the dialogue once the partner agreed to its offer', () => {
    expect(decision([offer('self', [3, 3, 1]), act('partner', 'agree')]).rule).toBe(
      'partnerAgreed',
    );
  });
});

describe('decide: questions', () => {
  it('asks the partner about its priorities instead of repeating its offer, once per answer', () => {
    const ours = [3, 3, 0];
    const turns = [offer('self', ours), offer('partner', [1, 1, 3])];
    expect(decision(turns, candidate(ours))).toMatchObject({
      action: 'askPreference',
      rule: 'askPartnerPreferences',
    });
    // A new offer of ours is worth making; an unanswered question is not repeated.
    expect(decision(turns, candidate([3, 2, 0])).action).toBe('propose');
    const ignored = [...turns, act('self', 'askPreference'), offer('partner', [1, 1, 3])];
    expect(decision(ignored, candidate(ours)).action).toBe('propose');
  });
});

describe("the paper's readings, each an option", () => {
  it('are options that resolve, Parley’s readings staying the defaults', () => {
    for (const reading of Object.values(paperReadings)) {
      expect(() => resolveOptions(reading)).not.toThrow();
    }
    expect(resolveOptions({})).toMatchObject({
      askBeforeOpening: false,
      holdoutIsGreedy: true,
      competitiveAgainstNeutral: false,
      acceptAtLeast: 'nextOffer',
      walkAway: 'impasse',
    });
  });

  it('asks before the opening offer while nothing is known of the partner, once', () => {
    const opening = candidate([3, 3, 0]);
    expect(decision([], opening).action).toBe('propose');
    expect(decision([], opening, { askBeforeOpening: true })).toMatchObject({
      action: 'askPreference',
      rule: 'askBeforeOpening',
    });
    // Asked and not answered: we open instead of asking again.
    const asked: AstraTurn[] = [
      { speaker: 'self', act: { type: 'askPreference' } },
      { speaker: 'partner', act: { type: 'askPreference' } },
    ];
    expect(decision(asked, opening, { askBeforeOpening: true }).rule).not.toBe('askBeforeOpening');
    // The partner opened: its offer already tells us something.
    expect(
      decision([offer('partner', [0, 3, 3])], opening, { askBeforeOpening: true }).rule,
    ).not.toBe('askBeforeOpening');
  });

  it('reads an unchanged score over three partner offers as neutral, not greedy', () => {
    const turns = [0, 1, 2, 3, 4].map((t) =>
      t % 2 === 0 ? offer('partner', [1, 1, 1]) : offer('self', [3, 3, 0]),
    );
    const record = readRecord(counts, ['food', 'water', 'firewood'], turns);
    expect(assessStance(record, partner).stance).toBe('greedy');
    expect(assessStance(record, partner, false).stance).toBe('neutral');
  });

  it('uses competitive tactics against a neutral partner when asked', () => {
    const context = { ownOfferCount: 1, stance: 'neutral' } as TacticContext;
    expect(preferredGroup(context).group).toBe('collaborative');
    expect(preferredGroup(context, true).group).toBe('competitive');
    const generous = { ownOfferCount: 1, stance: 'generous' } as TacticContext;
    expect(preferredGroup(generous, true).group).toBe('collaborative');
  });

  it('accepts an offer worth our most recent offer, not what we would ask for now', () => {
    // We offered to keep [3, 3, 1] (30 for us); we would now ask [3, 3, 2] (33). The partner
    // offers us the same (it keeps [0, 0, 2]; an offer's allocation is its speaker's): Parley's
    // rule refuses (30 < 33), the paper's accepts (30 ≥ 30).
    const turns = [offer('self', [3, 3, 1]), offer('partner', [0, 0, 2])];
    const greedier = candidate([3, 3, 2]);
    expect(decision(turns, greedier).action).not.toBe('accept');
    expect(decision(turns, greedier, { acceptAtLeast: 'latestOffer' })).toMatchObject({
      action: 'accept',
      rule: 'acceptOfferAtLeastOurs',
    });
  });

  it('walks away after the stubborn turns alone, without the impasse conditions', () => {
    // The partner repeats a fair-enough offer for four turns while we hold ours: no concession of
    // ours, so no impasse for Parley's rule; the paper's rule counts the partner's turns only.
    const turns = Array.from({ length: 8 }, (_, t) =>
      t % 2 === 0 ? offer('partner', [1, 2, 1]) : offer('self', [3, 3, 0]),
    );
    const hold = candidate([3, 3, 0]);
    expect(decision(turns, hold).action).not.toBe('walkaway');
    expect(decision(turns, hold, { walkAway: 'noConcession' })).toMatchObject({
      action: 'walkaway',
      rule: 'walkAwayStubbornPartner',
    });
  });
});
