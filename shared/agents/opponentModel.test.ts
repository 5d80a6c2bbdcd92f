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
    // A later statement of the same level replaces the earlier one.
    expect(
      said(
        { type: 'statePreference', item: 0, priority: 'high' },
        { type: 'statePreference', item: 2, priority: 'high' },
      )[2],
    ).toBe(5);
  });
});
