import { describe, expect, it } from 'vitest';
import { krippendorffAlphaNominal, pairwiseAgreement } from './krippendorff';

// Expected values computed independently (Python `krippendorff` 0.9, level 'nominal').
describe('krippendorffAlphaNominal', () => {
  it("matches Krippendorff's worked example (4 coders, 12 units, missing values): 0.743", () => {
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = coders[0]?.map((_, u) => coders.map((c) => c[u])) ?? [];
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.743421052631579, 12);
  });

  it('computes a small act-type example by units (tasks) of redundant annotations', () => {
    const units = [
      ['agree', 'agree', null],
      ['agree', 'propose', 'agree'],
      ['propose', 'propose', 'propose'],
      [null, 'end', 'end'],
      ['end', 'end', 'agree'],
    ];
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.5714285714285714, 12);
  });

  it('is negative for systematic disagreement and null when undefined', () => {
    expect(
      krippendorffAlphaNominal([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toBeCloseTo(-0.5, 12);
    expect(
      krippendorffAlphaNominal([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull();
    expect(krippendorffAlphaNominal([['a'], ['b', null]])).toBeNull();
    expect(krippendorffAlphaNominal([])).toBeNull();
  });
});

describe('krippendorffAlphaNominal, missing values', () => {
  it('treats undefined as missing, exactly like null', () => {
    const withNull = [
      ['agree', 'agree', null],
      ['agree', 'propose', 'agree'],
      [null, 'end', 'end'],
    ];
    const withUndefined = withNull.map((unit) => unit.map((v) => v ?? undefined));
    expect(krippendorffAlphaNominal(withUndefined)).toBeCloseTo(
      krippendorffAlphaNominal(withNull) ?? Number.NaN,
      12,
    );
  });
});

describe('pairwiseAgreement', () => {
  it('counts agreeing pairs, not disagreeing ones', () => {
    // Three equal values make 3 agreeing pairs of 3; x, y, z make none of 3.
    expect(pairwiseAgreement([['x', 'x', 'x']])).toBe(1);
    expect(pairwiseAgreement([['x', 'y', 'z']])).toBe(0);
  });

  it('pools agreeing pairs over units', () => {
    expect(
      pairwiseAgreement([
        ['x', 'x'],
        ['x', 'y', 'x'],
      ]),
    ).toBeCloseTo(2 / 4, 12);
    expect(pairwiseAgreement([['x']])).toBeNull();
  });
});
