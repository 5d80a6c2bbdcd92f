import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../dialogue/acts';
import { casino } from '../../domain/casino';
import { dealScores } from '../../domain/scoring';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { everyAllocation } from '../../testing/allocations';
import { domainAndContext } from '../../testing/arbitraries';
import { nextView, propose } from '../../testing/dialogues';
import { estimatePartnerUtilities } from '../opponentModel';
import { fairNegotiator } from './fair';

/** The allocation an act offers; fails the test for any other act. */
function offered(act: Act): readonly number[] {
  if (act.type !== 'propose' && act.type !== 'insist') {
    throw new Error(`expected an offer, got ${JSON.stringify(act)}`);
  }
  return act.allocation;
}

// Both said their priorities, so the opponent model knows the partner's true values.
const context: Context = {
  counts: [3, 3, 3],
  utilities: [
    [5, 4, 3],
    [3, 4, 5],
  ],
};
const statements = [
  { type: 'statePreference', item: 0, priority: 'high' },
  { type: 'statePreference', item: 2, priority: 'high' },
  { type: 'statePreference', item: 1, priority: 'medium' },
] as const;

describe('a fair negotiator', () => {
  it('offers the most even split when it knows the partner’s values', () => {
    const view = nextView(casino, context, [...statements]);
    const allocation = offered(fairNegotiator('fair', {}, createRng(1)).act(view));
    // Agent 1 is the one speaking next: its share is the allocation.
    const [a, b] = dealScores(
      context,
      allocation.map((n, i) => (context.counts[i] ?? 0) - n),
    );
    // A − B = 8·(units A takes) − 36, so no split is even; the closest are 4 apart. Among
    // those, the largest joint score (36 + 2·food_A − 2·firewood_A) gives A all the food and
    // B all the firewood: 19 vs 23, the fair agent (B) taking the larger side.
    expect([a, b]).toEqual([19, 23]);
  });

  it('opens with the most even split above BATNA by its estimate; ties: joint score, then mine, then at random', () => {
    fc.assert(
      fc.property(domainAndContext, fc.integer(), ({ domain, context }, seed) => {
        const view = nextView(domain, context, []);
        const partner = estimatePartnerUtilities(view);
        const mineOf = (a: readonly number[]) =>
          a.reduce((s, n, i) => s + n * (view.utilities[i] ?? 0), 0);
        const theirsOf = (a: readonly number[]) =>
          context.counts.reduce((s, c, i) => s + (c - (a[i] ?? 0)) * (partner[i] ?? 0), 0);
        // Every allocation, ranked from the definition: smallest gap, largest joint, most mine.
        const all = everyAllocation(context.counts);
        const key = (a: readonly number[]) => {
          const [m, t] = [mineOf(a), theirsOf(a)];
          return [Math.abs(m - t), -(m + t), -m];
        };
        const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6;
        const ranked = all
          .filter((a) => mineOf(a) > domain.batna)
          .sort((x, y) => {
            const [kx, ky] = [key(x), key(y)];
            const at = kx.findIndex((v, i) => !close(v, ky[i] ?? 0));
            return at < 0 ? 0 : (kx[at] ?? 0) - (ky[at] ?? 0);
          });
        const top = key(ranked[0] ?? []);
        const allowed = ranked
          .filter((a) => key(a).every((v, i) => close(v, top[i] ?? 0)))
          .map((a) => a.join(','));
        // Nothing above BATNA (I value nothing): ask for everything.
        const expected = allowed.length === 0 ? [context.counts.join(',')] : allowed;
        const made = new Set<string>();
        for (let draw = 0; draw < 40 * expected.length; draw++) {
          // Not stating priorities first (CaSiNo), so the first act is the offer.
          const options = { sharesPreferences: false };
          const act = fairNegotiator('fair', {}, createRng(seed + draw), options).act(view);
          made.add(offered(act).join(','));
        }
        expect([...made].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('accepts nothing at or below BATNA, and takes the tolerance as a share of its best score', () => {
    const answer = (tolerance: number, partnerTakes: [number, number, number]) =>
      fairNegotiator('fair', { tolerance }, createRng(1)).act(
        nextView(casino, context, [...statements, propose(...partnerTakes)]),
      ).type;
    // With any tolerance, a share worth BATNA (5: one food) is refused, one worth 7 is not.
    expect(answer(1, [2, 3, 3])).not.toBe('agree');
    expect(answer(1, [3, 2, 2])).toBe('agree');
    // Agent 1 taking 2 water and the firewood leaves A 19 and B (by A's estimate) 23: 4 below,
    // and a tolerance of 4/36 of A's best score (36) is exactly enough; 3/36 is not.
    expect(answer(4 / 36, [0, 2, 3])).toBe('agree');
    expect(answer(3 / 36, [0, 2, 3])).not.toBe('agree');
  });

  it('accepts a split that favours it or is close to even, and refuses a lopsided one', () => {
    const fair = () => fairNegotiator('fair', {}, createRng(1));
    // Agent 0 (fair) answers agent 1's offers; agent 1 said firewood is its top priority.
    const base = [...statements];
    // Agent 1 taking all firewood and water leaves A 15 vs B 27.
    expect(fair().act(nextView(casino, context, [...base, propose(0, 3, 3)])).type).toMatch(
      /propose|insist/,
    );
    // Agent 1 taking firewood and 1 water: A gets 15 + 8 = 23, B 15 + 4 = 19.
    expect(fair().act(nextView(casino, context, [...base, propose(0, 1, 3)]))).toEqual({
      type: 'agree',
    });
  });
});
