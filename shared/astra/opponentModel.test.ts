import { describe, expect, it } from 'vitest';
import { checkAndReinfer, permutations } from './consistency';
import { readRecord } from './negotiationRecord';
import { inferIpp, priorDesire, utilitiesFromRanking } from './opponentModel';
import type { AstraTurn } from './types';

const items = ['food', 'water', 'firewood'];
const record = (turns: AstraTurn[]) => readRecord([3, 3, 3], items, turns);
const own = [5, 4, 3];

describe('inferIpp', () => {
  it('assumes preferences opposite to our own without any signal, with zero confidence', () => {
    const ipp = inferIpp(record([]), own, 36);
    expect(ipp.basis).toBe('prior');
    expect(ipp.confidence).toBe(0);
    expect(ipp.ranking).toEqual([2, 1, 0]);
    expect(ipp.utilities).toEqual([3, 4, 5]);
    expect(priorDesire([2, 9, 4])).toEqual([9, 2, 4]);
  });

  it('reads priorities from what the partner keeps and gives away', () => {
    const ipp = inferIpp(
      record([
        { speaker: 'partner', act: { type: 'propose', allocation: [3, 1, 2] } },
        { speaker: 'self', act: { type: 'propose', allocation: [3, 3, 0] } },
        { speaker: 'partner', act: { type: 'propose', allocation: [3, 0, 1] } },
      ]),
      own,
      36,
    );
    expect(ipp.basis).toBe('offers');
    expect(ipp.ranking).toEqual([0, 2, 1]);
    expect(ipp.utilities).toEqual([5, 3, 4]);
    expect(ipp.confidence).toBeCloseTo(0.5, 9);
  });

  it('uses preference statements, which outweigh a single offer', () => {
    const ipp = inferIpp(
      record([
        { speaker: 'partner', act: { type: 'statePreference', item: 1, priority: 'high' } },
        { speaker: 'self', act: { type: 'askPreference' } },
        { speaker: 'partner', act: { type: 'statePreference', item: 0, priority: 'low' } },
      ]),
      own,
      36,
    );
    expect(ipp.basis).toBe('statements');
    expect(ipp.ranking).toEqual([1, 2, 0]);
  });

  it('scales the template so that everything is worth the maximum to the partner', () => {
    const values = utilitiesFromRanking([1, 0, 2], [2, 0, 4], [3, 3, 1], 10);
    expect(values.reduce((s, v, i) => s + v * ([3, 3, 1][i] ?? 0), 0)).toBeCloseTo(10, 9);
    expect(values[1]).toBeGreaterThan(values[0] ?? Infinity);
  });
});

describe('checkAndReinfer', () => {
  it('detects a counter-offer worth less to the partner than our offer, and re-infers', () => {
    // Frequency says food > water > firewood; then the partner answers our offer of all the food
    // and water with a counter-offer that trades a water for a firewood — worse for it, unless it
    // values firewood above water.
    const turns: AstraTurn[] = [
      { speaker: 'partner', act: { type: 'propose', allocation: [0, 0, 0] } },
      { speaker: 'self', act: { type: 'propose', allocation: [0, 0, 3] } },
      { speaker: 'partner', act: { type: 'propose', allocation: [3, 2, 1] } },
    ];
    const r = record(turns);
    const first = inferIpp(r, own, 36);
    const checked = checkAndReinfer(r, first, own, 36);
    expect(checked.inconsistencies.map((i) => i.kind)).toContain('counterOfferWorseForPartner');
    expect(checked.reinferredFrom).toEqual(first.ranking);
    expect(first.ranking).toEqual([0, 1, 2]);
    expect(checked.ipp.ranking).toEqual([0, 2, 1]);
    expect(checked.residual).toEqual([]);
    expect(checked.ipp.confidence).toBeLessThan(first.confidence);
  });

  it('detects a stated priority contradicting the offers', () => {
    const turns: AstraTurn[] = [
      { speaker: 'partner', act: { type: 'propose', allocation: [3, 0, 0] } },
      { speaker: 'self', act: { type: 'propose', allocation: [3, 3, 0] } },
      { speaker: 'partner', act: { type: 'propose', allocation: [3, 0, 0] } },
      { speaker: 'self', act: { type: 'askPreference' } },
      { speaker: 'partner', act: { type: 'statePreference', item: 0, priority: 'medium' } },
    ];
    const r = record(turns);
    const checked = checkAndReinfer(r, inferIpp(r, own, 36), own, 36);
    expect(checked.inconsistencies.map((i) => i.kind)).toContain('statementContradictsIpp');
    expect(checked.inconsistencies[0]?.detail).toMatch(/food is medium priority/);
    expect(checked.ipp.ranking[1]).toBe(0);
  });

  it('leaves a consistent IPP alone', () => {
    const r = record([{ speaker: 'partner', act: { type: 'propose', allocation: [0, 1, 3] } }]);
    const first = inferIpp(r, own, 36);
    expect(checkAndReinfer(r, first, own, 36)).toEqual({
      ipp: first,
      inconsistencies: [],
      reinferredFrom: null,
      residual: [],
    });
  });

  it('enumerates every ranking once', () => {
    expect(permutations(3)).toHaveLength(6);
    expect(new Set(permutations(4).map((p) => p.join())).size).toBe(24);
  });
});
