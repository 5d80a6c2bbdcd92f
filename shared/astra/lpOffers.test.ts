import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidAllocation } from '../domain/allocation';
import { bruteForceOptimum, isFeasible, sameObjective } from './bruteForce';
import { solveOfferProgram, type OfferProgram } from './lpOffers';

const programArbitrary: fc.Arbitrary<OfferProgram> = fc.integer({ min: 1, max: 4 }).chain((items) =>
  fc.record({
    counts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: items, maxLength: items }),
    ownUtilities: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: items, maxLength: items }),
    partnerUtilities: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
      minLength: items,
      maxLength: items,
    }),
    lambda: fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
    maxOwnScore: fc.integer({ min: 0, max: 40 }),
    minOwnScore: fc.integer({ min: 0, max: 8 }),
    minPartnerScore: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
  }),
);

describe('solveOfferProgram', () => {
  it('finds the brute-force optimum, or reports infeasibility exactly when there is none', () => {
    fc.assert(
      fc.property(programArbitrary, (program) => {
        const lp = solveOfferProgram(program);
        const oracle = bruteForceOptimum(program);
        if (oracle === null) {
          expect(lp.feasible).toBe(false);
          return;
        }
        expect(lp.feasible).toBe(true);
        if (lp.feasible) {
          expect(isValidAllocation(program.counts, lp.allocation)).toBe(true);
          expect(isFeasible(program, lp.allocation)).toBe(true);
          expect(sameObjective(lp.objective, oracle.objective)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the own score under the cap and above the BATNA', () => {
    const program: OfferProgram = {
      counts: [3, 3, 3],
      ownUtilities: [5, 4, 3],
      partnerUtilities: [3, 4, 5],
      lambda: 0.9,
      maxOwnScore: 30,
      minOwnScore: 5,
      minPartnerScore: 5,
    };
    const lp = solveOfferProgram(program);
    expect(lp).toMatchObject({ feasible: true });
    // λ = 0.9 favours own score: the best allocation worth at most 30 to self.
    expect(lp.feasible && lp.objective).toBeCloseTo(
      bruteForceOptimum(program)?.objective ?? NaN,
      9,
    );
    expect(lp.feasible && lp.allocation.reduce((s, n, i) => s + n * [5, 4, 3][i]!, 0)).toBe(30);
  });

  it('reports a cap below the BATNA as infeasible, with the reason', () => {
    const lp = solveOfferProgram({
      counts: [3, 3, 3],
      ownUtilities: [5, 4, 3],
      partnerUtilities: [3, 4, 5],
      lambda: 0.5,
      maxOwnScore: 4,
      minOwnScore: 5,
      minPartnerScore: 5,
    });
    expect(lp).toEqual({ feasible: false, reason: 'maxScore 4 is below the own-score floor 5' });
  });

  it('reports jointly unsatisfiable BATNAs as infeasible', () => {
    // One unit worth 10 to both: one side always gets nothing, below a BATNA of 1.
    const lp = solveOfferProgram({
      counts: [1],
      ownUtilities: [10],
      partnerUtilities: [10],
      lambda: 0.5,
      maxOwnScore: 10,
      minOwnScore: 1,
      minPartnerScore: 1,
    });
    expect(lp).toEqual({
      feasible: false,
      reason: 'no allocation satisfies the counts, the score cap and the BATNAs',
    });
  });
});
