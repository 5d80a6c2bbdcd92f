import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
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

  it('explains the λ and the cap it chose, before and after an own offer', () => {
    const { lambdaByStance } = defaultAstraOptions;
    expect(titForTatPolicy(casino, 'greedy', record([]), own, defaultAstraOptions).reason).toBe(
      `greedy partner → λ = ${lambdaByStance.greedy}; no own offer yet → maxScore = the domain's maximum 36`,
    );
    const after = titForTatPolicy(
      casino,
      'generous',
      record([offer('self', [3, 3, 1])]),
      own,
      defaultAstraOptions,
    );
    expect(after.reason).toBe(
      `generous partner → λ = ${lambdaByStance.generous}; maxScore = 30, our latest offer's score (offers never get greedier)`,
    );
  });
});
