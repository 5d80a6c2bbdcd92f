import { describe, expect, it } from 'vitest';
import { partnerAcceptance } from './acceptance';
import { readRecord } from './negotiationRecord';
import type { AstraTurn } from './types';

// CaSiNo-sized: 3 of each item; the partner values them 3, 4, 5 (its best outcome: 36).
const partner = [3, 4, 5];
const record = (turns: AstraTurn[]) => readRecord([3, 3, 3], ['food', 'water', 'firewood'], turns);
const ownOffer = (ownShare: number[]): AstraTurn => ({
  speaker: 'self',
  act: { type: 'propose', allocation: ownShare },
});

/** PAP from its definition: w · score/best + (1 − w) · movement from our latest offer. */
describe('partnerAcceptance', () => {
  it('before we offered, measures movement from nothing: it equals the score share', () => {
    // The partner gets one of each: 12 of 36.
    const estimate = partnerAcceptance(record([]), partner, [1, 1, 1], 0.6);
    expect(estimate).toMatchObject({ scoreShare: 12 / 36, movement: 12 / 36 });
    expect(estimate.pap).toBeCloseTo(12 / 36, 12);
  });

  it('measures movement from what our latest offer gave the partner toward its best', () => {
    // Our latest offer kept 2 of each: the partner had 12. Now it gets 15 (2, 1, 1): 3 of the 24
    // it could still gain.
    const latest = record([ownOffer([3, 3, 3]), ownOffer([2, 2, 2])]);
    const estimate = partnerAcceptance(latest, partner, [2, 1, 1], 0.25);
    expect(estimate.scoreShare).toBeCloseTo(15 / 36, 12);
    expect(estimate.movement).toBeCloseTo(3 / 24, 12);
    expect(estimate.pap).toBeCloseTo(0.25 * (15 / 36) + 0.75 * (3 / 24), 12);
    // Less than our latest offer gave: no movement (not negative).
    expect(partnerAcceptance(latest, partner, [0, 1, 1], 0.25).movement).toBe(0);
  });

  it('with our latest offer already its best, moves fully only by keeping it there', () => {
    const everything = record([ownOffer([0, 0, 0])]);
    expect(partnerAcceptance(everything, partner, [3, 3, 3], 0.5)).toEqual({
      scoreShare: 1,
      movement: 1,
      pap: 1,
    });
    const short = partnerAcceptance(everything, partner, [3, 3, 2], 0.5);
    expect(short).toMatchObject({ scoreShare: 31 / 36, movement: 0 });
    expect(short.pap).toBeCloseTo(0.5 * (31 / 36), 12);
  });

  it('for a partner that values nothing, has no score share and full movement', () => {
    const estimate = partnerAcceptance(record([]), [0, 0, 0], [1, 1, 1], 0.7);
    expect(estimate).toMatchObject({ scoreShare: 0, movement: 1 });
    expect(estimate.pap).toBeCloseTo(0.3, 12);
  });
});
