import type { Rng } from '../../random/rng';
import type { NegotiatorFactory } from '../negotiator';
import { fairNegotiator } from './fair';
import { hardHeadedNegotiator } from './hardHeaded';
import { randomValidNegotiator } from './randomValid';
import { timeDependentNegotiator } from './timeDependent';
import { titForTatNegotiator } from './titForTat';

/**
 * The scripted negotiators by name, with their default parameters (see README.md). Corpus
 * populations (`--mix boulware:2,tft:1,…`) and experiments refer to them by these names.
 */
export const scriptedNegotiators = {
  boulware: {
    description: 'time-dependent, e = 0.2: holds out and concedes late (Pmin 0.5)',
    create: (rng: Rng) => timeDependentNegotiator('boulware', { e: 0.2 }, rng),
  },
  linear: {
    description: 'time-dependent, e = 1: concedes at a steady rate (Pmin 0.5)',
    create: (rng: Rng) => timeDependentNegotiator('linear', { e: 1 }, rng),
  },
  conceder: {
    description: 'time-dependent, e = 2: concedes early (Pmin 0.5)',
    create: (rng: Rng) => timeDependentNegotiator('conceder', { e: 2 }, rng),
  },
  tft: {
    description: 'Tit-for-Tat: mirrors the partner’s concessions point for point',
    create: (rng: Rng) => titForTatNegotiator('tft', {}, rng),
  },
  greedy: {
    description: 'hard-headed: asks for everything it values, accepts only ≥ 80 % of its best',
    create: (rng: Rng) => hardHeadedNegotiator('greedy', {}, rng),
  },
  fair: {
    description: 'aims at equal scores by its opponent model',
    create: (rng: Rng) => fairNegotiator('fair', {}, rng),
  },
  random: {
    description: 'random legal acts',
    create: (rng: Rng) => randomValidNegotiator('random', {}, rng),
  },
} as const satisfies Record<string, { description: string; create: NegotiatorFactory }>;

export type ScriptedNegotiatorName = keyof typeof scriptedNegotiators;

export const scriptedNegotiatorNames = Object.keys(scriptedNegotiators) as ScriptedNegotiatorName[];

export function isScriptedNegotiatorName(name: string): name is ScriptedNegotiatorName {
  return Object.hasOwn(scriptedNegotiators, name);
}
