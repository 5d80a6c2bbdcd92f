import { describe, expect, it } from 'vitest';
import type { Act } from '../dialogue/acts';
import type { Turn } from '../dialogue/dialogue';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Domain } from '../domain/types';
import type { NegotiatorView } from './negotiator';
import { estimatePartnerUtilities } from './opponentModel';

/** Agent 0's view after the partner (agent 1) said `partnerActs`, agent 0 only disagreeing. */
function viewAfter(
  domain: Domain,
  counts: number[],
  utilities: number[],
  partnerActs: Act[],
): NegotiatorView {
  const turns: Turn[] = partnerActs.flatMap((act) => [
    { speaker: 1, act },
    { speaker: 0, act: { type: 'disagree' } },
  ]);
  return { domain, counts, utilities, me: 0, turns };
}
const worth = (values: number[], counts: number[]) =>
  values.reduce((s, v, i) => s + v * (counts[i] ?? 0), 0);

describe('estimatePartnerUtilities', () => {
  it('assumes preferences opposite to my own before the partner says anything', () => {
    const counts = [1, 2, 3];
    const estimate = estimatePartnerUtilities(viewAfter(dealOrNoDeal, counts, [1, 3, 1], []));
    // Mirror of 1/3/1 is 3/1/3, scaled so that the items are worth 10 in all.
    [30, 10, 30].forEach((v, i) => expect((estimate[i] ?? 0) * 14).toBeCloseTo(v, 9));
    expect(worth(estimate, counts)).toBeCloseTo(10);
    // In CaSiNo the mirror is exactly the reversed priority order.
    expect(estimatePartnerUtilities(viewAfter(casino, [3, 3, 3], [5, 3, 4], []))).toEqual([
      3, 5, 4,
    ]);
  });

  it('learns that items the partner keeps asking for are worth more to it', () => {
    const counts = [1, 2, 3];
    const hatsOnly: Act = { type: 'propose', allocation: [0, 2, 0] };
    const after = (n: number) =>
      estimatePartnerUtilities(
        viewAfter(
          dealOrNoDeal,
          counts,
          [1, 3, 1],
          Array.from({ length: n }, () => hatsOnly),
        ),
      );
    const [book, hat, ball] = after(3);
    expect(hat).toBeGreaterThan(book ?? 0);
    expect(hat).toBeGreaterThan(ball ?? 0);
    expect(worth(after(3), counts)).toBeCloseTo(10);
    // More evidence, more weight: the hat estimate rises with each repeated demand.
    expect(after(1)[1]).toBeLessThan(after(3)[1] ?? 0);
    expect(after(3)[1]).toBeLessThan(after(9)[1] ?? 0);
  });

  it('weighs one offer as much as the prior: n/(n+1), the demand as a share of each count', () => {
    const counts = [1, 2, 3];
    const prior = [30 / 14, 10 / 14, 30 / 14];
    const after = (allocation: number[]) =>
      estimatePartnerUtilities(
        viewAfter(dealOrNoDeal, counts, [1, 3, 1], [{ type: 'propose', allocation }]),
      );
    // Asking for the book and the balls: shares 1, 0, 1, worth 4 at one per unit, so scaled
    // to 10 they are 2.5, 0, 2.5; half of that and half of the prior.
    after([1, 0, 3]).forEach((v, i) =>
      expect(v).toBeCloseTo(((prior[i] ?? 0) + [2.5, 0, 2.5][i]!) / 2, 12),
    );
    // Asking for nothing says nothing of the items: they count as worth the same (10/6 each).
    after([0, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo(((prior[i] ?? 0) + 10 / 6) / 2, 12));
  });

  it("counts only the partner's offers, not mine", () => {
    const counts = [1, 2, 3];
    const turns: Turn[] = [
      { speaker: 0, act: { type: 'propose', allocation: [0, 2, 0] } },
      { speaker: 1, act: { type: 'disagree' } },
      { speaker: 0, act: { type: 'propose', allocation: [1, 2, 0] } },
    ];
    const mine = estimatePartnerUtilities({
      domain: dealOrNoDeal,
      counts,
      utilities: [1, 3, 1],
      me: 0,
      turns,
    });
    expect(mine).toEqual(estimatePartnerUtilities(viewAfter(dealOrNoDeal, counts, [1, 3, 1], [])));
  });

  it('in CaSiNo, keeps the estimate as it is until the partner states a priority', () => {
    const counts = [3, 3, 3];
    const offer: Act = { type: 'propose', allocation: [2, 3, 1] };
    // Prior 3, 4, 5; demand shares 2/3, 1, 1/3 scaled to 36: 4, 6, 2; half of each.
    expect(estimatePartnerUtilities(viewAfter(casino, counts, [5, 4, 3], [offer]))).toEqual([
      3.5, 5, 3.5,
    ]);
    // Water stated high: 5; food and firewood tie at 3.5 and take 4 and 3 in item order.
    expect(
      estimatePartnerUtilities(
        viewAfter(
          casino,
          counts,
          [5, 4, 3],
          [offer, { type: 'statePreference', item: 1, priority: 'high' }],
        ),
      ),
    ).toEqual([4, 5, 3]);
  });

  it('takes CaSiNo priority statements as the partner’s values', () => {
    const counts = [3, 3, 3];
    const said = (...acts: Act[]) =>
      estimatePartnerUtilities(viewAfter(casino, counts, [5, 4, 3], acts));
    // Water is high: it gets 5, and the others keep the order of the (mirror) estimate: firewood 4, food 3.
    expect(said({ type: 'statePreference', item: 1, priority: 'high' })).toEqual([3, 5, 4]);
    expect(
      said(
        { type: 'statePreference', item: 0, priority: 'high' },
        { type: 'statePreference', item: 2, priority: 'low' },
      ),
    ).toEqual([5, 4, 3]);
    // A later statement of the same level replaces the earlier one (food is no longer high).
    expect(
      said(
        { type: 'statePreference', item: 0, priority: 'high' },
        { type: 'statePreference', item: 2, priority: 'high' },
      ),
    ).toEqual([3, 4, 5]);
  });
});
