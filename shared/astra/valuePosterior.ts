import { enumerateAllocations } from '../domain/allocation';
import { scoreOf } from '../domain/scoring';
import type { Domain } from '../domain/types';
import type { NegotiationRecord } from './negotiationRecord';

/** Per-unit partner values for a ranking of the items (most wanted first). */
export type ValuesForRanking = (ranking: readonly number[]) => number[];

/**
 * Every valuation the partner could hold under the domain's public rules: whole points per unit,
 * worth the domain's maximum in total, and a context the domain accepts with our own values
 * (DealOrNoDeal: every item wanted by someone, some item by both; CaSiNo: 5/4/3 in some order).
 * Nothing here reads the partner's real values — only the rules every context obeys.
 */
export function partnerValuations(
  domain: Domain,
  counts: readonly number[],
  ownUtilities: readonly number[],
): number[][] {
  const found: number[][] = [];
  const extend = (prefix: number[], left: number) => {
    const item = prefix.length;
    const count = counts[item] ?? 0;
    if (item === counts.length - 1) {
      if (count > 0 ? left % count === 0 : left === 0) {
        found.push([...prefix, count > 0 ? left / count : 0]);
      }
      return;
    }
    for (let v = 0; v * count <= left; v++) {
      extend([...prefix, v], left - v * count);
      if (count === 0) {
        break;
      }
    }
  };
  if (counts.length > 0) {
    extend([], domain.maxScore);
  }
  return found.filter(
    (values) =>
      domain.validateContext({ counts: [...counts], utilities: [values, [...ownUtilities]] })
        .length === 0,
  );
}

/**
 * Log-weights of the valuations given the partner's distinct offers: the partner is taken to be
 * boundedly rational (a Boltzmann choice), proposing allocation x with probability proportional
 * to exp(κ · its score for x / maximum). Repeated offers add no evidence (an insist is the same
 * choice again), so each distinct offer counts once.
 */
export function offerLogLikelihoods(
  valuations: readonly (readonly number[])[],
  record: NegotiationRecord,
  maxScore: number,
  rationality: number,
): number[] {
  const allocations = enumerateAllocations(record.counts);
  const distinct = new Map<string, readonly number[]>();
  for (const offer of record.partnerOffers) {
    distinct.set(offer.partnerShare.join(), offer.partnerShare);
  }
  return valuations.map((values) => {
    if (distinct.size === 0) {
      return 0;
    }
    const strength = (share: readonly number[]) =>
      (rationality * scoreOf(values, share)) / maxScore;
    const logNormaliser = Math.log(allocations.reduce((s, a) => s + Math.exp(strength(a)), 0));
    let total = 0;
    for (const share of distinct.values()) {
      total += strength(share) - logNormaliser;
    }
    return total;
  });
}

/**
 * The partner's values for a ranking: the posterior mean over the valuations that order the
 * items that way (ties allowed), weighted by how well each explains the partner's offers; the
 * `fallback` (own values re-assigned by rank) when the rules admit no such valuation. In CaSiNo
 * a ranking fixes the valuation, so this is exactly the fallback; in DealOrNoDeal it learns how
 * much, not only which, items matter to the partner.
 */
export function posteriorValues(
  valuations: readonly (readonly number[])[],
  logLikelihoods: readonly number[],
  fallback: ValuesForRanking,
): ValuesForRanking {
  return (ranking) => {
    const compatible = valuations
      .map((values, k) => ({ values, log: logLikelihoods[k] ?? 0 }))
      .filter(({ values }) =>
        ranking.every(
          (item, rank) =>
            rank === 0 || (values[ranking[rank - 1] ?? item] ?? 0) >= (values[item] ?? 0),
        ),
      );
    if (compatible.length === 0) {
      return fallback(ranking);
    }
    const top = Math.max(...compatible.map((c) => c.log));
    const weights = compatible.map((c) => Math.exp(c.log - top));
    const sum = weights.reduce((s, w) => s + w, 0);
    return (compatible[0]?.values ?? []).map((_, item) =>
      compatible.reduce((s, c, k) => s + ((weights[k] ?? 0) / sum) * (c.values[item] ?? 0), 0),
    );
  };
}
