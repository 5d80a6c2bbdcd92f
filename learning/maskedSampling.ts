import type { Rng } from '../shared/random/rng';

/**
 * log-softmax of `logits[offset .. offset+mask.length)` over the entries where mask is 1, at a
 * temperature, written into `out` (masked entries get -Infinity). Returns `out`.
 */
export function maskedLogSoftmaxRow(
  logits: Float32Array,
  offset: number,
  mask: ArrayLike<number>,
  temperature: number,
  out: Float64Array,
): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      max = Math.max(max, logits[offset + i]! / temperature);
    }
  }
  let sum = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      sum += Math.exp(logits[offset + i]! / temperature - max);
    }
  }
  const logSum = max + Math.log(sum);
  for (let i = 0; i < mask.length; i++) {
    out[i] = mask[i] === 1 ? logits[offset + i]! / temperature - logSum : -Infinity;
  }
  return out;
}

/** Draws an index from a row of log-probabilities (as written by maskedLogSoftmaxRow). */
export function sampleFromLogProbs(logProbs: Float64Array, size: number, rng: Rng): number {
  let u = rng.next();
  let last = -1;
  for (let i = 0; i < size; i++) {
    const lp = logProbs[i]!;
    if (lp === -Infinity) {
      continue;
    }
    last = i;
    u -= Math.exp(lp);
    if (u < 0) {
      return i;
    }
  }
  if (last < 0) {
    throw new RangeError('nothing to sample: every entry is masked');
  }
  return last; // rounding left a sliver of mass: the last allowed entry takes it
}

/** The allowed index with the largest logit. */
export function maskedArgmax(
  logits: Float32Array,
  offset: number,
  mask: ArrayLike<number>,
): number {
  let best = -1;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1 && (best < 0 || logits[offset + i]! > logits[offset + best]!)) {
      best = i;
    }
  }
  if (best < 0) {
    throw new RangeError('no allowed entry');
  }
  return best;
}
