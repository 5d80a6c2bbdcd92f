import { astraFactory } from './astraNegotiator';
import { hardHeadedFactory } from './hardHeadedNegotiator';
import type { TournamentEntrant } from './tournament';

/** ASTRA as the tournament's agent (and, below, as its own opponent). */
export const astraEntrant: TournamentEntrant = { name: 'astra', factory: astraFactory() };

/**
 * The opponent population of `parley astra tournament` — the one place to change it.
 *
 * TO REPLACE ON MERGE: `hardheaded` is a stand-in written for ASTRA's own tests. Once the core's
 * scripted negotiators (Boulware / linear / conceder time-dependent, Tit-for-Tat, greedy, fair,
 * random-valid, in shared/agents/) are on main, list them here instead of it, and keep ASTRA.
 */
export const tournamentOpponents: readonly TournamentEntrant[] = [
  { name: 'hardheaded (stand-in)', factory: hardHeadedFactory },
  astraEntrant,
];
