import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { complement } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import { concessionSchedule } from './concession';
import { decide } from './decisions';
import { readRecord } from './negotiationRecord';
import { defaultAstraOptions, paperReadings, resolveOptions, type AstraOptions } from './options';
import type { ScoredCandidate } from './selection';
import { assessStance } from './stance';
import { preferredGroup, type TacticContext } from './tactics';
import type { AstraTurn } from './types';

// CaSiNo, food / water / firewood: we value 5/4/3, the partner (IPP) 3/4/5.
const own = [5, 4, 3];
const partner = [3, 4, 5];
const counts = [3, 3, 3];
const items = ['food', 'water', 'firewood'];
const offer = (speaker: 'self' | 'partner', allocation: number[]): AstraTurn => ({
  speaker,
  act: { type: 'propose', allocation },
});

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
  chosen: ScoredCandidate | null,
  overrides: Partial<AstraOptions> = {},
) {
  const options = { ...defaultAstraOptions, ...overrides };
  const record = readRecord(counts, items, turns);
  const schedule = concessionSchedule(casino, record, own, partner, options);
  return decide(casino, record, own, partner, chosen, schedule, options);
}

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
    const record = readRecord(counts, items, turns);
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
