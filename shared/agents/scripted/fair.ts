import { scoreOf } from '../../domain/scoring';
import type { Rng } from '../../random/rng';
import type { Negotiator } from '../negotiator';
import { partnerValue } from './offers';
import { scriptedNegotiator, type ScriptedOptions, type Situation } from './scriptedNegotiator';

export interface FairParams {
  /** How far below the partner's (estimated) score an offer may leave me, as a fraction of my
   * best score, and still be accepted. Default 0.1. */
  tolerance?: number;
}

/**
 * Aims at equal scores: offers the allocation whose estimated scores are closest to equal (ties:
 * the larger joint score, then more for me, then a seeded choice), and accepts an offer that
 * leaves it no worse than the partner's estimated score minus a tolerance, and above BATNA.
 */
export function fairNegotiator(
  name: string,
  params: FairParams,
  rng: Rng,
  options?: ScriptedOptions,
): Negotiator {
  const tolerance = params.tolerance ?? 0.1;
  return scriptedNegotiator(
    name,
    {
      offer: equalOffer,
      accepts: (value, partnerShare, s) =>
        value > s.view.domain.batna &&
        value >= scoreOf(s.partnerUtilities, partnerShare) - tolerance * s.space.best,
    },
    rng,
    options,
  );
}

function equalOffer(s: Situation): readonly number[] {
  const eps = 1e-9;
  let best: number[] = [];
  let bestGap = Infinity;
  let bestJoint = -Infinity;
  let bestOwn = -Infinity;
  for (let k = 0; k < s.space.allocations.length; k++) {
    const mine = s.space.own[k] ?? 0;
    if (mine <= s.view.domain.batna) {
      continue;
    }
    const theirs = partnerValue(s.space, s.view.counts, s.partnerUtilities, k);
    const gap = Math.abs(mine - theirs);
    const joint = mine + theirs;
    const better =
      gap < bestGap - eps ||
      (gap <= bestGap + eps &&
        (joint > bestJoint + eps || (joint >= bestJoint - eps && mine > bestOwn + eps)));
    const same =
      Math.abs(gap - bestGap) <= eps &&
      Math.abs(joint - bestJoint) <= eps &&
      Math.abs(mine - bestOwn) <= eps;
    if (better) {
      best = [k];
      [bestGap, bestJoint, bestOwn] = [gap, joint, mine];
    } else if (same) {
      best.push(k);
    }
  }
  // Nothing beats BATNA for me only if I value nothing; then ask for everything.
  return best.length === 0
    ? s.view.counts
    : (s.space.allocations[s.rng.pick(best)] ?? s.view.counts);
}
