import { describe, expect, it } from 'vitest';
import type { Act } from '../dialogue/acts';
import { actTypesUsed, isLowQuality, uniqueActRatio } from './uniqueActs';

const turns = (...acts: (Act | { type: 'unknown' })[]) => acts.map((act) => ({ act }));
const offer = (type: 'propose' | 'insist', ...allocation: number[]): Act => ({ type, allocation });

describe('unique acts and D_L', () => {
  it('counts distinct acts, whoever says them, over all acts', () => {
    expect(
      uniqueActRatio(turns(offer('propose', 1, 0, 0), { type: 'agree' }, { type: 'end' })),
    ).toBe(1);
    // propose(1,0,0) twice (by either side) is one act; insist(1,0,0) is another.
    expect(
      uniqueActRatio(
        turns(
          offer('propose', 1, 0, 0),
          offer('propose', 1, 0, 0),
          offer('insist', 1, 0, 0),
          offer('insist', 1, 0, 0),
        ),
      ),
    ).toBe(0.5);
    expect(
      uniqueActRatio(turns({ type: 'unknown' }, { type: 'unknown' }, { type: 'end' })),
    ).toBeCloseTo(2 / 3);
    expect(uniqueActRatio([])).toBe(1);
  });

  it('literal: puts dialogues with fewer than 50 % unique acts in D_L', () => {
    const repetitive = turns(
      offer('propose', 1, 0, 0),
      offer('propose', 0, 1, 0),
      offer('insist', 1, 0, 0),
      offer('insist', 0, 1, 0),
      offer('insist', 1, 0, 0),
    );
    expect(uniqueActRatio(repetitive.slice(0, 4))).toBe(1);
    expect(isLowQuality({ turns: repetitive }, 'literal')).toBe(false); // 4 of 5
    const stuck = [
      ...repetitive,
      ...turns(
        offer('insist', 0, 1, 0),
        offer('insist', 1, 0, 0),
        offer('insist', 0, 1, 0),
        offer('insist', 1, 0, 0),
      ),
    ];
    expect(uniqueActRatio(stuck)).toBeCloseTo(4 / 9);
    expect(isLowQuality({ turns: stuck }, 'literal')).toBe(true);
    // Exactly half is not below half.
    expect(isLowQuality({ turns: turns({ type: 'end' }, { type: 'end' }) }, 'literal')).toBe(false);
  });

  it('act-types (the default): puts dialogues using at most 2 of the 7 act types in D_L', () => {
    const quickDeal = turns(offer('propose', 1, 0, 0), { type: 'agree' }, { type: 'end' });
    expect(actTypesUsed(quickDeal)).toBe(2); // end aside
    expect(isLowQuality({ turns: quickDeal })).toBe(true);
    const haggle = turns(
      offer('propose', 1, 0, 0),
      { type: 'disagree' },
      offer('propose', 0, 1, 0),
      { type: 'agree' },
    );
    expect(actTypesUsed(haggle)).toBe(3);
    expect(isLowQuality({ turns: haggle })).toBe(false);
    // The literal rule reads the same dialogues the other way round.
    expect(isLowQuality({ turns: quickDeal }, 'literal')).toBe(false);
    // A greeting and a question are act types of their own: three types, not D_L.
    const chatty = turns({ type: 'greet' }, { type: 'inquire' }, offer('propose', 1, 0, 0));
    expect(actTypesUsed(chatty)).toBe(3);
    expect(isLowQuality({ turns: chatty })).toBe(false);
    const small = turns({ type: 'greet' }, { type: 'unknown' }, { type: 'end' });
    expect(actTypesUsed(small)).toBe(2);
    expect(isLowQuality({ turns: small })).toBe(true);
  });
});
