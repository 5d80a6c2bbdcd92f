import type { Rng } from './rng';

/** One of `options`, with probability proportional to its weight (weights ≥ 0, some > 0). */
export function pickWeighted<T>(rng: Rng, options: readonly { value: T; weight: number }[]): T {
  let total = 0;
  for (const { weight } of options) {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weights must be finite and ≥ 0, not ${weight}`);
    }
    total += weight;
  }
  if (total <= 0) {
    throw new RangeError('pickWeighted needs at least one positive weight');
  }
  let x = rng.next() * total;
  for (const option of options) {
    x -= option.weight;
    if (x < 0) {
      return option.value;
    }
  }
  // Rounding can leave x at 0 after the last option: take the last positive one.
  return [...options].reverse().find((o) => o.weight > 0)?.value as T;
}
