import { scoreOf } from '../domain/scoring';
import { scoreTolerance } from './lpOffers';
import { ownOfferBefore, type NegotiationRecord } from './negotiationRecord';
import { rankForPriority, templateValues, type Ipp } from './opponentModel';
import type { ValuesForRanking } from './valuePosterior';

export interface Inconsistency {
  kind: 'counterOfferWorseForPartner' | 'statementContradictsIpp';
  /** The history turn of the partner's act that contradicts the IPP. */
  turn: number;
  detail: string;
}

export interface CheckedIpp {
  ipp: Ipp;
  /** What the checker found in the first inference (empty when it was consistent). */
  inconsistencies: Inconsistency[];
  /** The ranking before re-inference, when re-inference changed it; else null. */
  reinferredFrom: number[] | null;
  /** Contradictions no ranking could remove. */
  residual: Inconsistency[];
}

/** Re-inference enumerates rankings; beyond this many items it would be too slow, so it stops. */
const maxItemsToReinfer = 6;

/**
 * Contradictions between the partner's behaviour and a hypothesis of its values: a counter-offer
 * worth less to the partner than the own offer it answered (a rational partner would have taken
 * that one), and a stated priority that the hypothesis ranks elsewhere.
 */
export function findInconsistencies(
  record: NegotiationRecord,
  ranking: readonly number[],
  utilities: readonly number[],
): Inconsistency[] {
  const found: Inconsistency[] = [];
  for (const offer of record.partnerOffers) {
    const answered = ownOfferBefore(record, offer.turn);
    if (answered === null) {
      continue;
    }
    const asked = scoreOf(utilities, offer.partnerShare);
    const given = scoreOf(utilities, answered.partnerShare);
    if (asked < given - scoreTolerance) {
      found.push({
        kind: 'counterOfferWorseForPartner',
        turn: offer.turn,
        detail: `the partner's offer at turn ${offer.turn} is worth ${round(asked)} to it under the IPP, less than the ${round(given)} our offer at turn ${answered.turn} gave it`,
      });
    }
  }
  const latestStatement = new Map(record.partnerStatements.map((s) => [s.item, s]));
  for (const statement of latestStatement.values()) {
    const expected = rankForPriority(statement.priority, ranking.length);
    const actual = ranking.indexOf(statement.item);
    if (actual !== expected) {
      found.push({
        kind: 'statementContradictsIpp',
        turn: statement.turn,
        detail: `the partner said ${record.itemIds[statement.item] ?? `item ${statement.item}`} is ${statement.priority} priority, but the IPP ranks it ${ordinal(actual + 1)} of ${ranking.length}`,
      });
    }
  }
  return found;
}

/**
 * Checks the IPP and, on a contradiction, re-infers: every ranking of the items is tried and the
 * one with the fewest contradictions wins, ties going to the ranking closest to the first
 * inference (fewest swapped pairs). Confidence drops by a quarter after a re-inference and by
 * half while contradictions remain.
 */
export function checkAndReinfer(
  record: NegotiationRecord,
  ipp: Ipp,
  ownUtilities: readonly number[],
  maxScore: number,
  valuesFor: ValuesForRanking = templateValues(ownUtilities, record.counts, maxScore),
): CheckedIpp {
  const inconsistencies = findInconsistencies(record, ipp.ranking, ipp.utilities);
  if (inconsistencies.length === 0 || ipp.ranking.length > maxItemsToReinfer) {
    return {
      ipp: inconsistencies.length === 0 ? ipp : { ...ipp, confidence: ipp.confidence / 2 },
      inconsistencies,
      reinferredFrom: null,
      residual: inconsistencies,
    };
  }
  let best = { ranking: ipp.ranking, utilities: ipp.utilities, residual: inconsistencies };
  let bestDistance = 0;
  for (const ranking of permutations(ipp.ranking.length)) {
    const utilities = valuesFor(ranking);
    const residual = findInconsistencies(record, ranking, utilities);
    const distance = swappedPairs(ipp.ranking, ranking);
    if (
      residual.length < best.residual.length ||
      (residual.length === best.residual.length && distance < bestDistance)
    ) {
      best = { ranking, utilities, residual };
      bestDistance = distance;
    }
  }
  const changed = best.ranking.join() !== ipp.ranking.join();
  const confidence = ipp.confidence * (changed ? 0.75 : 1) * (best.residual.length > 0 ? 0.5 : 1);
  return {
    ipp: { ...ipp, ranking: best.ranking, utilities: best.utilities, confidence },
    inconsistencies,
    reinferredFrom: changed ? ipp.ranking : null,
    residual: best.residual,
  };
}

/** Every ordering of 0..n−1, in lexicographic order (deterministic). */
export function permutations(n: number): number[][] {
  if (n === 0) {
    return [[]];
  }
  const result: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = 0; at <= rest.length; at++) {
      result.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
    }
  }
  return result.sort((a, b) => a.join().localeCompare(b.join()));
}

/** Kendall distance: pairs of items the two rankings order differently. */
export function swappedPairs(a: readonly number[], b: readonly number[]): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const x = a[i] ?? -1;
      const y = a[j] ?? -1;
      if (b.indexOf(x) > b.indexOf(y)) {
        count++;
      }
    }
  }
  return count;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
