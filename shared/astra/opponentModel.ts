import { priorityLevels, type PriorityLevel } from '../dialogue/acts';
import type { NegotiationRecord } from './negotiationRecord';
import type { ValuesForRanking } from './valuePosterior';

/** Inferred partner preferences: what ASTRA believes the partner values, and how sure it is. */
export interface Ipp {
  /** Per-unit values, scaled so that the partner's best outcome is worth the domain's maximum. */
  utilities: number[];
  /** Item indices, most wanted first. */
  ranking: number[];
  /** The evidence per item (higher = wanted more) the ranking was sorted by; 0.5 = no evidence. */
  desire: number[];
  /** 0 with no signal, approaching 1 as offers and statements accumulate. */
  confidence: number;
  basis: 'prior' | 'offers' | 'statements' | 'offers and statements';
}

/** How much a stated priority says about desire, and how much it weighs against offers. */
const statedDesire: Record<PriorityLevel, number> = { high: 1, medium: 0.5, low: 0 };
const statementWeight = 1.5;
const offerWeight = 1;
/** Giving units away in a concession is evidence the item matters less. */
const concessionPenalty = 0.5;
/** Evidence units at which confidence reaches one half. */
const halfConfidenceEvidence = 2;

/**
 * The "opposite of one's own" prior, as a desire per item: the partner is assumed to want most
 * what self wants least (own values sorted and reversed onto the items). Also the tie-breaker.
 */
export function priorDesire(ownUtilities: readonly number[]): number[] {
  const byOwnValue = rankItems(ownUtilities.map((u) => u));
  const ascending = [...ownUtilities].sort((a, b) => a - b);
  const desire = ownUtilities.map(() => 0);
  byOwnValue.forEach((item, rank) => {
    desire[item] = ascending[rank] ?? 0;
  });
  return desire;
}

/** Items sorted by `score` descending, then by `tieBreak` descending, then by index. */
export function rankItems(score: readonly number[], tieBreak: readonly number[] = []): number[] {
  return score
    .map((_, item) => item)
    .sort(
      (a, b) =>
        (score[b] ?? 0) - (score[a] ?? 0) || (tieBreak[b] ?? 0) - (tieBreak[a] ?? 0) || a - b,
    );
}

/**
 * Per-unit values for a ranking: the partner is assumed to draw its values like self does, so
 * its k-th most wanted item gets self's k-th highest value, rescaled so that everything is worth
 * `maxScore` (exact in CaSiNo, where every agent's values are 5/4/3; an estimate elsewhere).
 */
export function utilitiesFromRanking(
  ranking: readonly number[],
  ownUtilities: readonly number[],
  counts: readonly number[],
  maxScore: number,
): number[] {
  const template = [...ownUtilities].sort((a, b) => b - a);
  const values = ownUtilities.map(() => 0);
  ranking.forEach((item, rank) => {
    values[item] = template[rank] ?? 0;
  });
  const total = values.reduce((s, v, i) => s + v * (counts[i] ?? 0), 0);
  if (total > 0) {
    return values.map((v) => (v * maxScore) / total);
  }
  const units = counts.reduce((s, c) => s + c, 0);
  return values.map(() => (units > 0 ? maxScore / units : 0));
}

/** The template estimate (utilitiesFromRanking) as a ValuesForRanking. */
export function templateValues(
  ownUtilities: readonly number[],
  counts: readonly number[],
  maxScore: number,
): ValuesForRanking {
  return (ranking) => utilitiesFromRanking(ranking, ownUtilities, counts, maxScore);
}

/**
 * Frequency-based inference from the partner's offers (the share of each item it keeps, less a
 * penalty for what it gives away when conceding) and its latest statement per item, averaged
 * with weights; items without evidence sit at 0.5 and ties fall back on the prior. `valuesFor`
 * turns the ranking into per-unit values (default: own values re-assigned by rank; `suggest`
 * passes the Bayesian posterior of valuePosterior.ts).
 */
export function inferIpp(
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  maxScore: number,
  valuesFor: ValuesForRanking = templateValues(ownUtilities, record.counts, maxScore),
): Ipp {
  const { counts, partnerOffers, partnerStatements } = record;
  const prior = priorDesire(ownUtilities);
  const offerDesire = counts.map((count, item) => {
    if (partnerOffers.length === 0 || count === 0) {
      return null;
    }
    const kept = partnerOffers.reduce((s, o) => s + (o.partnerShare[item] ?? 0) / count, 0);
    let givenAway = 0;
    for (let k = 1; k < partnerOffers.length; k++) {
      const before = partnerOffers[k - 1]?.partnerShare[item] ?? 0;
      const after = partnerOffers[k]?.partnerShare[item] ?? 0;
      givenAway += Math.max(0, before - after) / count;
    }
    return kept / partnerOffers.length - (concessionPenalty * givenAway) / partnerOffers.length;
  });
  const stated = new Map<number, PriorityLevel>();
  for (const s of partnerStatements) {
    stated.set(s.item, s.priority);
  }
  const desire = counts.map((_, item) => {
    const fromOffers = offerDesire[item] ?? null;
    const priority = stated.get(item);
    const fromStatement = priority === undefined ? null : statedDesire[priority];
    const weight =
      (fromOffers === null ? 0 : offerWeight) + (fromStatement === null ? 0 : statementWeight);
    if (weight === 0) {
      return 0.5;
    }
    return ((fromOffers ?? 0) * offerWeight + (fromStatement ?? 0) * statementWeight) / weight;
  });
  const ranking = rankItems(desire, prior);
  const evidence = partnerOffers.length + 2 * stated.size;
  const hasOffers = partnerOffers.length > 0;
  const hasStatements = stated.size > 0;
  return {
    utilities: valuesFor(ranking),
    ranking,
    desire,
    confidence: evidence / (evidence + halfConfidenceEvidence),
    basis:
      hasOffers && hasStatements
        ? 'offers and statements'
        : hasOffers
          ? 'offers'
          : hasStatements
            ? 'statements'
            : 'prior',
  };
}

/** The rank a stated priority implies among n items (high → first, low → last). */
export function rankForPriority(priority: PriorityLevel, items: number): number {
  return Math.round((priorityLevels.indexOf(priority) * (items - 1)) / (priorityLevels.length - 1));
}
