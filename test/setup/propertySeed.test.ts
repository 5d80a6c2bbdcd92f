import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPropertySeed, propertySeed } from './propertySeed';

describe('property-test seed', () => {
  it('every fast-check run in the suite starts from the one printed seed', () => {
    expect(fc.readConfigureGlobal().seed).toBe(propertySeed());
    expect(propertySeed()).toBe(Number(process.env.PARLEY_PROPERTY_SEED || defaultPropertySeed));
    // The same seed draws the same values: what a failing run prints can be replayed.
    const draw = () => fc.sample(fc.integer(), { numRuns: 5, seed: propertySeed() });
    expect(draw()).toEqual(draw());
  });

  it('a failing property reports its seed and shrunk counterexample', () => {
    expect(() => fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500))).toThrow(
      new RegExp(`seed: ${propertySeed()}[\\s\\S]*Counterexample: \\[500\\]`),
    );
  });
});
