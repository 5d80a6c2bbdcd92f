import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import { fmt } from './fairness';
import { latest, type NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';
import type { Stance } from './types';

export interface TitForTatPolicy {
  /** Weight of own score in the LP objective (the partner's inferred score gets 1 − λ). */
  lambda: number;
  /** Cap on own score: never above one's own latest offer, so offers never get greedier. */
  maxScore: number;
  reason: string;
}

/**
 * Tit-for-Tat: answer a greedy partner self-interestedly (high λ), a generous one cooperatively
 * (low λ). The cap is the domain's maximum before self has offered, then the own score of
 * self's latest offer: concessions are made by the candidates below the cap, never undone.
 */
export function titForTatPolicy(
  domain: Domain,
  stance: Stance,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  options: AstraOptions,
): TitForTatPolicy {
  const lambda = options.lambdaByStance[stance];
  const previous = latest(record.ownOffers);
  const maxScore = previous === null ? domain.maxScore : scoreOf(ownUtilities, previous.ownShare);
  return {
    lambda,
    maxScore,
    reason:
      `${stance} partner → λ = ${lambda}; ` +
      (previous === null
        ? `no own offer yet → maxScore = the domain's maximum ${domain.maxScore}`
        : `maxScore = ${fmt(maxScore)}, our latest offer's score (offers never get greedier)`),
  };
}
