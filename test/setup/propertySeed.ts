import fc from 'fast-check';

/**
 * Every property test (fast-check) runs from one fixed seed, so a run is repeatable on any
 * machine; `PARLEY_PROPERTY_SEED` picks another. On failure fast-check prints the seed, the path
 * and the shrunk counterexample; `verbose` adds the failing runs it tried.
 */
export const defaultPropertySeed = 20_261_206;

export function propertySeed(): number {
  const raw = process.env.PARLEY_PROPERTY_SEED;
  const seed = raw === undefined || raw === '' ? defaultPropertySeed : Number(raw);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`PARLEY_PROPERTY_SEED must be an integer, got "${raw}"`);
  }
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: propertySeed(), verbose: 1 });
