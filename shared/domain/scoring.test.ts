import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocationWithin, anyContext, domainAndContext } from '../testing/arbitraries';
import { complement, enumerateAllocations } from './allocation';
import {
  dealScores,
  dominates,
  isParetoOptimal,
  maxJointScore,
  paretoFrontier,
  scoreOf,
} from './scoring';
import type { Context } from './types';

/** The definition, spelled out the slow way: compare every allocation with every other. */
function bruteForceFrontier(context: Context): string[] {
  const points = enumerateAllocations(context.counts).map((a) => {
    const r0 = a.reduce((s, n, i) => s + n * (context.utilities[0][i] ?? 0), 0);
    const r1 = a.reduce(
      (s, n, i) => s + ((context.counts[i] ?? 0) - n) * (context.utilities[1][i] ?? 0),
      0,
    );
    return { a, r0, r1 };
  });
  return points
    .filter(
      (p) => !points.some((q) => q.r0 >= p.r0 && q.r1 >= p.r1 && (q.r0 > p.r0 || q.r1 > p.r1)),
    )
    .map((p) => `${p.a.join(',')}:${p.r0},${p.r1}`)
    .sort();
}

describe('scores and the Pareto frontier', () => {
  it('the frontier equals brute force, on domain contexts and on arbitrary ones', () => {
    const check = (context: Context) => {
      const frontier = paretoFrontier(context);
      expect(frontier.map((p) => `${p.allocation.join(',')}:${p.scores.join(',')}`).sort()).toEqual(
        bruteForceFrontier(context),
      );
      for (let i = 1; i < frontier.length; i++) {
        expect(frontier[i]?.scores[0]).toBeGreaterThanOrEqual(frontier[i - 1]?.scores[0] ?? 0);
      }
    };
    fc.assert(
      fc.property(domainAndContext, ({ context }) => check(context)),
      { numRuns: 300 },
    );
    fc.assert(fc.property(anyContext, check), { numRuns: 300 });
  });

  it('isParetoOptimal is exactly membership of the frontier', () => {
    fc.assert(
      fc.property(anyContext, (context) => {
        const onFrontier = new Set(paretoFrontier(context).map((p) => p.allocation.join(',')));
        for (const a of enumerateAllocations(context.counts)) {
          expect(isParetoOptimal(context, a)).toBe(onFrontier.has(a.join(',')));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scores stay within 0..maxScore and add up to the joint score of the split', () => {
    fc.assert(
      fc.property(
        domainAndContext.chain(({ domain, context }) =>
          fc.tuple(fc.constant(domain), fc.constant(context), allocationWithin(context.counts)),
        ),
        ([domain, context, allocation]) => {
          const [r0, r1] = dealScores(context, allocation);
          for (const r of [r0, r1]) {
            expect(r >= 0 && r <= domain.maxScore).toBe(true);
          }
          expect(r0).toBe(scoreOf(context.utilities[0], allocation));
          expect(r1).toBe(scoreOf(context.utilities[1], complement(context.counts, allocation)));
          expect(r0 + r1).toBeLessThanOrEqual(maxJointScore(context));
        },
      ),
    );
  });

  it('maxJointScore is the best rA + rB, reached on the frontier', () => {
    fc.assert(
      fc.property(anyContext, (context) => {
        const joints = enumerateAllocations(context.counts).map((a) => {
          const [r0, r1] = dealScores(context, a);
          return r0 + r1;
        });
        const best = maxJointScore(context);
        expect(best).toBe(Math.max(...joints));
        expect(paretoFrontier(context).some((p) => p.scores[0] + p.scores[1] === best)).toBe(true);
      }),
    );
  });

  it('works through a small example by hand', () => {
    // 1 book, 2 hats, 3 balls; A values 1/3/1, B values 4/0/2.
    const context: Context = {
      counts: [1, 2, 3],
      utilities: [
        [1, 3, 1],
        [4, 0, 2],
      ],
    };
    expect(dealScores(context, [0, 2, 0])).toEqual([6, 10]);
    expect(isParetoOptimal(context, [0, 2, 0])).toBe(true);
    // A taking the book and the hats (7, 6) is dominated by A taking a ball instead of the book.
    expect(dealScores(context, [1, 2, 0])).toEqual([7, 6]);
    expect(dealScores(context, [0, 2, 1])).toEqual([7, 8]);
    expect(isParetoOptimal(context, [1, 2, 0])).toBe(false);
    expect(isParetoOptimal(context, [0, 2, 1])).toBe(true);
    expect(maxJointScore(context)).toBe(16);
    expect(dominates([6, 10], [6, 9])).toBe(true);
    expect(dominates([6, 10], [6, 10])).toBe(false);
    expect(dominates([7, 9], [6, 10])).toBe(false);
  });

  it('dominates: at least as good for both and strictly better for one, case by case', () => {
    // [p, q, p dominates q], written from the definition.
    const cases: [[number, number], [number, number], boolean][] = [
      [[7, 9], [6, 9], true], // better for agent 0 only
      [[6, 10], [6, 9], true], // better for agent 1 only
      [[7, 10], [6, 9], true], // better for both
      [[6, 9], [6, 9], false], // equal
      [[6, 9], [7, 9], false], // worse for agent 0
      [[6, 9], [6, 10], false], // worse for agent 1
      [[7, 8], [6, 9], false], // better for one, worse for the other
      [[5, 10], [6, 9], false],
    ];
    for (const [p, q, expected] of cases) {
      expect(dominates(p, q), `${p.join()} over ${q.join()}`).toBe(expected);
    }
  });
});
