import type { Rng } from '../../random/rng';
import type { Negotiator } from '../negotiator';
import {
  aimingAt,
  scriptedNegotiator,
  type ScriptedOptions,
  type Situation,
} from './scriptedNegotiator';

export interface TimeDependentParams {
  /** Concession exponent: e < 1 Boulware (holds out, then yields late), 1 linear, > 1 conceder. */
  e: number;
  /** f(0): how much of the range is conceded at once (0 = start at pMax). */
  k?: number;
  /** Reservation as a fraction of my best score (never below the domain's BATNA). Default 0.5. */
  pMin?: number;
  /** Opening aspiration as a fraction of my best score. Default 1. */
  pMax?: number;
}

/**
 * The target utility of a time-dependent tactic (Faratin et al. 1998) at time t in [0, 1]:
 * P(t) = Pmin + (Pmax − Pmin)(1 − f(t)), f(t) = k + (1 − k) t^(1/e).
 */
export function timeDependentTarget(
  t: number,
  params: { e: number; k: number; pMin: number; pMax: number },
): number {
  const { e, k, pMin, pMax } = params;
  const f = k + (1 - k) * Math.pow(Math.min(1, Math.max(0, t)), 1 / e);
  return pMin + (pMax - pMin) * (1 - f);
}

/** Concedes with time: offers and accepts what meets P(t); the opponent model picks the offer. */
export function timeDependentNegotiator(
  name: string,
  params: TimeDependentParams,
  rng: Rng,
  options?: ScriptedOptions,
): Negotiator {
  if (!(params.e > 0)) {
    throw new RangeError(`time-dependent e must be > 0, not ${params.e}`);
  }
  const target = (s: Situation) => {
    const best = s.bestDeal;
    const pMin = Math.max((params.pMin ?? 0.5) * best, s.view.domain.batna);
    const pMax = Math.max((params.pMax ?? 1) * best, pMin);
    return timeDependentTarget(s.progress, { e: params.e, k: params.k ?? 0, pMin, pMax });
  };
  return scriptedNegotiator(name, aimingAt(target), rng, options);
}
