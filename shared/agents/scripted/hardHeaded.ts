import type { Rng } from '../../random/rng';
import type { Negotiator } from '../negotiator';
import { aimingAt, scriptedNegotiator, type ScriptedOptions } from './scriptedNegotiator';

export interface HardHeadedParams {
  /** What it asks for, as a fraction of its best score. Default 1 (everything it values). */
  demand?: number;
  /** The least it agrees to, as a fraction of its best score (and always more than BATNA). Default 0.8. */
  accept?: number;
}

/**
 * Greedy / hard-headed: asks for (nearly) everything it values, insists on it, never concedes,
 * and agrees only to offers that give it at least `accept` of its best score.
 */
export function hardHeadedNegotiator(
  name: string,
  params: HardHeadedParams,
  rng: Rng,
  options?: ScriptedOptions,
): Negotiator {
  const demanding = aimingAt((s) =>
    Math.max((params.demand ?? 1) * s.space.best, s.view.domain.batna),
  );
  return scriptedNegotiator(
    name,
    {
      offer: demanding.offer,
      accepts: (value, _share, s) =>
        value >= (params.accept ?? 0.8) * s.space.best && value > s.view.domain.batna,
    },
    rng,
    options,
  );
}
