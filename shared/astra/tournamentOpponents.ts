import { scriptedNegotiatorNames, scriptedNegotiators } from '../agents/scripted/catalogue';
import { astraFactory } from './astraNegotiator';
import type { TournamentEntrant } from './tournament';

/** ASTRA as the tournament's agent (and, below, as its own opponent). */
export const astraEntrant: TournamentEntrant = { name: 'astra', factory: astraFactory() };

/**
 * The opponent population of `parley astra tournament`: every scripted negotiator of the core
 * (shared/agents/scripted/catalogue.ts) with its default parameters, and ASTRA itself.
 */
export const tournamentOpponents: readonly TournamentEntrant[] = [
  ...scriptedNegotiatorNames.map((name) => ({ name, factory: scriptedNegotiators[name].create })),
  astraEntrant,
];
