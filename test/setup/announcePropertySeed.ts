import { propertySeed } from './propertySeed';

/** Printed once per run, so a report always says which seed its property tests used. */
export default function announce(): void {
  console.log(
    `[property tests] fast-check seed ${propertySeed()} (PARLEY_PROPERTY_SEED to change)`,
  );
}
