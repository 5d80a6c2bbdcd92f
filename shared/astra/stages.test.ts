import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { decide } from './decisions';
import { assessFairness } from './fairness';
import { readRecord } from './negotiationRecord';
import { defaultAstraOptions } from './options';
import { assessStance } from './stance';
import { titForTatPolicy } from './titForTat';
import type { AstraTurn } from './types';

const items = ['food', 'water', 'firewood'];
const own = [5, 4, 3];
const partner = [3, 4, 5];
const record = (turns: AstraTurn[]) => readRecord([3, 3, 3], items, turns);
const offer = (speaker: 'self' | 'partner', allocation: number[]): AstraTurn => ({
  speaker,
  act: { type: 'propose', allocation },
});

describe('assessFairness', () => {
  it('is unknown without an offer, fair for a close split with the partner not ahead, unfair otherwise', () => {
    const fair = (turns: AstraTurn[]) =>
      assessFairness(casino, record(turns), own, partner, defaultAstraOptions.fairGapShare).verdict;
    expect(fair([])).toBe('unknown');
    // The partner keeps 2 water and 3 firewood (8 + 15 = 23): we get 15 + 4 = 19 — it is ahead.
    expect(fair([offer('partner', [0, 2, 3])])).toBe('unfair');
    // It keeps 1 water and 3 firewood (19); we get 15 + 8 = 23: a gap of 4 > 3.6.
    expect(fair([offer('partner', [0, 1, 3])])).toBe('unfair');
    expect(fair([offer('partner', [3, 3, 3])])).toBe('unfair');
    // With the same values on both sides: it keeps 2, 1, 1 (17), we get 19.
    const same = assessFairness(casino, record([offer('partner', [2, 1, 1])]), own, own, 0.1);
    expect(same).toMatchObject({ verdict: 'fair', ownScore: 19, partnerScore: 17 });
  });
});

describe('assessStance', () => {
  const stance = (turns: AstraTurn[]) => assessStance(record(turns), partner).stance;
  it('reads generous, greedy and neutral from the partner score across its two latest offers', () => {
    expect(stance([offer('partner', [0, 2, 3])])).toBe('neutral');
    expect(
      stance([offer('partner', [0, 2, 3]), offer('self', [3, 3, 0]), offer('partner', [0, 1, 3])]),
    ).toBe('generous');
    expect(
      stance([offer('partner', [0, 1, 3]), offer('self', [3, 3, 0]), offer('partner', [0, 2, 3])]),
    ).toBe('greedy');
    expect(
      stance([offer('partner', [0, 1, 3]), offer('self', [3, 3, 0]), offer('partner', [3, 0, 2])]),
    ).toBe('neutral');
  });
  it('calls three unchanged offers greedy', () => {
    const same = offer('partner', [0, 2, 3]);
    expect(stance([same, offer('self', [3, 3, 0]), same, offer('self', [3, 3, 0]), same])).toBe(
      'greedy',
    );
  });
});

describe('titForTatPolicy', () => {
  it('orders λ greedy > neutral > generous and caps maxScore at our latest offer', () => {
    const r = record([offer('self', [3, 3, 1])]);
    const policy = (s: 'greedy' | 'neutral' | 'generous') =>
      titForTatPolicy(casino, s, r, own, defaultAstraOptions);
    expect(policy('greedy').lambda).toBeGreaterThan(policy('neutral').lambda);
    expect(policy('neutral').lambda).toBeGreaterThan(policy('generous').lambda);
    expect(policy('neutral').maxScore).toBe(30);
    expect(titForTatPolicy(casino, 'neutral', record([]), own, defaultAstraOptions).maxScore).toBe(
      36,
    );
  });
});

describe('decide', () => {
  const decision = (turns: AstraTurn[], domain = casino) =>
    decide(domain, record(turns), own, partner, null, defaultAstraOptions);

  it('walks away after three partner turns without concession while its offer is poor', () => {
    // The partner keeps 2 of each (it gets 24, we 12: above BATNA, below half the maximum).
    const stubborn = offer('partner', [2, 2, 2]);
    const ours = offer('self', [3, 3, 0]);
    const turns = [stubborn, ours, stubborn, ours, stubborn, ours, stubborn];
    expect(decision(turns.slice(0, 5)).action).not.toBe('walkaway');
    expect(decision(turns)).toMatchObject({
      action: 'walkaway',
      rule: 'walkAwayStubbornPartner',
      stubbornTurns: 3,
    });
  });

  it('warns at the first offer below BATNA and walks away after two more', () => {
    const greedy = offer('partner', [3, 3, 3]);
    const ours = offer('self', [3, 3, 0]);
    const first = decision([greedy]);
    expect(first.warning).toMatch(/below our BATNA 5/);
    expect(first.rule).not.toMatch(/^walkAway/);
    // A concession in between keeps the stubborn rule out of it.
    const turns = [greedy, ours, offer('partner', [3, 2, 3]), ours, offer('partner', [3, 3, 3])];
    expect(decision(turns)).toMatchObject({
      action: 'walkaway',
      rule: 'walkAwayBelowBatna',
      offersBelowBatna: 3,
    });
  });

  it('never walks away where the domain has no walk-away', () => {
    const stubborn = {
      speaker: 'partner',
      act: { type: 'propose', allocation: [1, 2, 2] },
    } as const;
    const ours = { speaker: 'self', act: { type: 'propose', allocation: [1, 0, 0] } } as const;
    const turns: AstraTurn[] = [stubborn, ours, stubborn, ours, stubborn, ours, stubborn].map(
      (t) => ({
        speaker: t.speaker,
        act: { type: 'propose', allocation: [...t.act.allocation] },
      }),
    );
    const result = decide(
      dealOrNoDeal,
      readRecord([1, 2, 2], ['book', 'hat', 'ball'], turns),
      [2, 2, 2],
      [2, 2, 2],
      null,
      defaultAstraOptions,
    );
    expect(result.action).not.toBe('walkaway');
  });

  it('accepts on its last turn an offer above BATNA that it would otherwise refuse', () => {
    const turns: AstraTurn[] = [];
    for (let i = 0; i < 9; i++) {
      turns.push(offer('partner', [1, 2, 3]), offer('self', [3, 3, 1]));
    }
    turns.push(offer('partner', [1, 2, 3]));
    expect(turns).toHaveLength(casino.maxTurns - 1);
    expect(
      decide(casino, record(turns), own, partner, null, {
        ...defaultAstraOptions,
        stubbornTurnsBeforeWalkaway: 99,
      }),
    ).toMatchObject({
      action: 'accept',
      rule: 'acceptAtDeadline',
    });
  });
});
