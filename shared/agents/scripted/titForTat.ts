import type { Rng } from '../../random/rng';
import type { Negotiator } from '../negotiator';
import {
  aimingAt,
  scriptedNegotiator,
  type ScriptedOptions,
  type Situation,
} from './scriptedNegotiator';

export interface TitForTatParams {
  /** Points I give back per point the partner concedes (measured by my own utility). Default 1. */
  reciprocity?: number;
  /** A small unconditional concession per offer of mine, as a fraction of my best score, so that
   * two Tit-for-Tat agents do not stall at their openings. Default 0.03. */
  niceness?: number;
  /** Floor and opening, as fractions of my best score (never below BATNA). Defaults 0.5 and 1. */
  pMin?: number;
  pMax?: number;
}

/**
 * Tit-for-Tat (relative, in my own utility): the partner's concession is how much more its
 * latest offer gives me than its first one; I lower my target by as much (times reciprocity),
 * and raise it again when the partner takes back what it conceded.
 */
export function titForTatNegotiator(
  name: string,
  params: TitForTatParams,
  rng: Rng,
  options?: ScriptedOptions,
): Negotiator {
  const target = (s: Situation) => {
    const best = s.bestDeal;
    const floor = Math.max((params.pMin ?? 0.5) * best, s.view.domain.batna);
    const opening = Math.max((params.pMax ?? 1) * best, floor);
    const values = s.partnerOfferValues;
    const conceded = values.length >= 2 ? (values.at(-1) ?? 0) - (values[0] ?? 0) : 0;
    const wanted =
      opening -
      (params.reciprocity ?? 1) * conceded -
      (params.niceness ?? 0.03) * best * s.myOffers;
    return Math.min(opening, Math.max(floor, wanted));
  };
  return scriptedNegotiator(name, aimingAt(target), rng, options);
}
