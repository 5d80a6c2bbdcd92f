import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { enumerateAllocations } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import { suggest } from './suggest';
import type { AstraState } from './types';
import { floorOffer } from './withoutAstra';

describe('floorOffer (the "without ASTRA" offer)', () => {
  const counts = [3, 3, 3];
  const own = [5, 4, 3];
  const partner = [3, 4, 5];

  it('proposes the smallest own score at or above the floor, the partner’s best among ties', () => {
    const [offer] = floorOffer(casino, counts, own, partner, 20);
    // By enumeration: the smallest own score ≥ 20 here is 20 itself.
    const reachable = enumerateAllocations(counts)
      .map((a) => scoreOf(own, a))
      .filter((s) => s >= 20);
    expect(offer?.ownScore).toBe(Math.min(...reachable));
    const ties = enumerateAllocations(counts).filter((a) => scoreOf(own, a) === offer?.ownScore);
    const bestForPartner = Math.max(
      ...ties.map((a) => scoreOf(partner, [3 - (a[0] ?? 0), 3 - (a[1] ?? 0), 3 - (a[2] ?? 0)])),
    );
    expect(offer?.partnerScore).toBe(bestForPartner);
  });

  it('never offers below BATNA and has no offer above the maximum', () => {
    const [low] = floorOffer(casino, counts, own, partner, 0);
    expect(low?.ownScore).toBeGreaterThanOrEqual(casino.batna);
    expect(floorOffer(casino, counts, own, partner, 37)).toEqual([]);
  });

  it('switches off the LP in suggest: no programs are run, the offer is the floor offer', () => {
    const state: AstraState = {
      domain: 'casino',
      counts,
      utilities: own,
      history: [],
      options: { offerStages: false },
    };
    const without = suggest(state);
    const withAstra = suggest({ ...state, options: {} });
    expect(without.explanation.lp.runs).toEqual([]);
    expect(withAstra.explanation.lp.runs.length).toBeGreaterThan(0);
    expect(without.act.type).toBe('propose');
    const [expected] = floorOffer(
      casino,
      counts,
      own,
      partner,
      without.explanation.concession.target,
    );
    expect(without.explanation.candidates).toHaveLength(1);
    expect(scoreOf(own, without.offer ?? [])).toBe(
      Math.min(
        ...enumerateAllocations(counts)
          .map((a) => scoreOf(own, a))
          .filter((s) => s >= without.explanation.concession.target),
      ),
    );
    expect(expected?.ownScore).toBe(scoreOf(own, without.offer ?? []));
  });
});
