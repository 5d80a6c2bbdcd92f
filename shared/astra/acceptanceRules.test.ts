import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { acceptance } from './acceptanceRules';
import type { ConcessionSchedule } from './concession';
import { readRecord } from './negotiationRecord';
import { defaultAstraOptions, type AstraOptions } from './options';
import type { ScoredCandidate } from './selection';

// CaSiNo: BATNA 5, maximum 36, so the partner may lead by at most 0.5 · 36 = 18.
const own = [5, 4, 3];
// Our latest offer keeps 3 food, 3 water, 1 firewood: 30 for us.
const record = readRecord(
  [3, 3, 3],
  ['food', 'water', 'firewood'],
  [{ speaker: 'self', act: { type: 'propose', allocation: [3, 3, 1] } }],
);
const midway = { finalOffer: false, lastTurn: false } as ConcessionSchedule;
const finalOffer = { finalOffer: true, lastTurn: false } as ConcessionSchedule;
const lastTurn = { finalOffer: false, lastTurn: true } as ConcessionSchedule;
/** The offer we would make now, worth `ownScore` to us (only its score is read). */
const asking = (ownScore: number) => ({ ownScore }) as ScoredCandidate;

function decide(
  offer: { own: number; partner: number },
  schedule: ConcessionSchedule,
  ask = 20,
  options: Partial<AstraOptions> = {},
) {
  return acceptance(casino, offer, asking(ask), own, record, schedule, {
    ...defaultAstraOptions,
    ...options,
  });
}

describe('acceptance rules', () => {
  it('accepts an offer worth what we would ask for now, at or above BATNA, the partner not far ahead', () => {
    expect(decide({ own: 20, partner: 16 }, midway)).toEqual({
      rule: 'acceptOfferAtLeastOurs',
      reason: "the partner's offer gives us 20 (it gets ~16), at least the 20 we would ask for now",
    });
    expect(decide({ own: 19.5, partner: 16 }, midway)).toBeNull();
    // Exactly BATNA is enough; below it is not, however little we ask.
    expect(decide({ own: 5, partner: 10 }, midway, 5)?.rule).toBe('acceptOfferAtLeastOurs');
    expect(decide({ own: 4, partner: 10 }, midway, 3)).toBeNull();
    // A partner lead of exactly 18 is allowed; more is not.
    expect(decide({ own: 10, partner: 28 }, midway, 10)?.rule).toBe('acceptOfferAtLeastOurs');
    expect(decide({ own: 10, partner: 29 }, midway, 10)).toBeNull();
  });

  it('in the paper’s reading, compares with our most recent offer instead', () => {
    const paper = { acceptAtLeast: 'latestOffer' as const };
    expect(decide({ own: 25, partner: 11 }, midway, 20, paper)).toBeNull();
    expect(decide({ own: 30, partner: 6 }, midway, 20, paper)).toEqual({
      rule: 'acceptOfferAtLeastOurs',
      reason:
        "the partner's offer gives us 30 (it gets ~6), at least the 30 of our most recent offer",
    });
  });

  it('at our final offer or last turn, accepts an even-or-better split above BATNA', () => {
    expect(decide({ own: 15, partner: 15 }, finalOffer)).toEqual({
      rule: 'acceptEvenSplitAtEnd',
      reason:
        "the partner's offer gives us 15 (it gets ~15): even or better for us, and taking it beats gambling on our final offer",
    });
    expect(decide({ own: 15, partner: 15 }, midway)).toBeNull();
    expect(decide({ own: 15, partner: 16 }, finalOffer)).toBeNull();
    // BATNA itself is no gain.
    expect(decide({ own: 5, partner: 5 }, finalOffer)).toBeNull();
  });

  it('on our last turn, accepts anything above BATNA that is not lopsided', () => {
    expect(decide({ own: 10, partner: 25 }, lastTurn)).toEqual({
      rule: 'acceptAtDeadline',
      reason:
        "the partner's offer gives us 10 (it gets ~25); this is our last turn and it beats no deal (5) without leaving the partner more than 18 ahead",
    });
    expect(decide({ own: 5, partner: 10 }, lastTurn)).toBeNull();
    expect(decide({ own: 10, partner: 29 }, lastTurn)).toBeNull();
    expect(
      decide({ own: 10, partner: 25 }, lastTurn, 20, { deadlineAcceptance: false }),
    ).toBeNull();
  });
});
