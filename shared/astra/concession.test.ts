import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { concessionSchedule, scoreLevels } from './concession';
import { fmt } from './fairness';
import { readRecord } from './negotiationRecord';
import { defaultAstraOptions } from './options';
import type { AstraTurn } from './types';

const own = [5, 4, 3];
const partner = [3, 4, 5];
const record = (turns: AstraTurn[]) => readRecord([3, 3, 3], ['food', 'water', 'firewood'], turns);
const schedule = (turns: AstraTurn[], e = defaultAstraOptions.concessionExponent) =>
  concessionSchedule(casino, record(turns), own, partner, {
    ...defaultAstraOptions,
    concessionExponent: e,
  });

/** `length` turns of the partner repeating an offer and us repeating ours (3,3,1): 30 for us. */
function history(length: number): AstraTurn[] {
  return Array.from({ length }, (_, turn) => ({
    speaker: turn % 2 === 0 ? 'partner' : 'self',
    act: { type: 'propose', allocation: turn % 2 === 0 ? [0, 2, 3] : [3, 3, 1] },
  }));
}

describe('scoreLevels', () => {
  it('takes the leximin split once we are granted the lead, more own score on ties', () => {
    // Opposite priorities: all the food and 2 water (23) against 1 water and all firewood (19).
    expect(scoreLevels(casino, [3, 3, 3], own, partner, 0)).toEqual({ best: 33, fairSplit: 23 });
    // Same priorities: 18/18 is the even split; a lead of 3.6 makes it 20/16.
    expect(scoreLevels(casino, [3, 3, 3], own, own, 0)).toEqual({ best: 31, fairSplit: 18 });
    expect(scoreLevels(casino, [3, 3, 3], own, own, 3.6).fairSplit).toBe(20);
  });
});

describe('concessionSchedule', () => {
  it('holds at the opening early, reaches the reservation at the final offer, never rises', () => {
    const floors = [0, 3, 7, 11, 13, 15, 17].map((n) => schedule(history(n)).target);
    expect(floors[0]).toBe(33); // our best that leaves the partner its BATNA
    // From our opening (3,3,1), worth 30, the Boulware floor barely moves at first.
    expect(floors[1]).toBeCloseTo(30, 2);
    expect(floors[1]).toBeLessThanOrEqual(30);
    for (let k = 1; k < floors.length; k++) {
      expect(floors[k]).toBeLessThanOrEqual(floors[k - 1] ?? Infinity);
    }
    expect(floors.at(-1)).toBe(23);
    // Boulware: after half the dialogue the floor has moved less than a tenth of the way.
    expect(schedule(history(9)).target).toBeGreaterThan(30 - 0.1 * (30 - 23));
  });

  it('concedes faster with a larger exponent (a conceder), slower with a smaller one', () => {
    const at = (e: number) => schedule(history(11), e).target;
    expect(at(2)).toBeLessThan(at(1));
    expect(at(1)).toBeLessThan(at(0.2));
  });

  it('marks our final offer (turns 17 and 18 of 20) and our last turn (19)', () => {
    const flags = (n: number) => {
      const s = schedule(history(n));
      return [s.finalOffer, s.lastTurn];
    };
    expect(flags(15)).toEqual([false, false]);
    expect(flags(17)).toEqual([true, false]);
    expect(flags(18)).toEqual([true, false]);
    expect(flags(19)).toEqual([false, true]);
  });

  it('explains its floor with the numbers it used, and says when an offer is the final one', () => {
    const explained = (n: number) => {
      const s = schedule(history(n));
      return s.reason.replace(
        `τ = ${fmt(s.progress)}: floor ${fmt(s.target)}, from our opening ${fmt(s.opening)} down to our reservation ${fmt(s.reservation)} (the fair split most favourable to us by the IPP)`,
        '…',
      );
    };
    expect([explained(15), explained(17), explained(19)]).toEqual([
      '…',
      '…; this is our final offer',
      '…; this is our last turn',
    ]);
  });

  it('never aims above an opening the partner could no longer accept', () => {
    // We opened with everything but one firewood; if the partner's values are ours (food first),
    // that leaves it 3 < BATNA: the opening drops to our best that leaves it 5.
    const opened: AstraTurn[] = [
      { speaker: 'self', act: { type: 'propose', allocation: [3, 3, 2] } },
    ];
    const s = concessionSchedule(casino, record(opened), own, own, defaultAstraOptions);
    expect(s.opening).toBe(31);
    expect(s.target).toBeLessThanOrEqual(31);
  });
});
