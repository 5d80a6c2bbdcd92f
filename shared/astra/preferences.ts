import { priorityLevels, type PriorityLevel } from '../dialogue/acts';
import type { NegotiationRecord } from './negotiationRecord';
import { rankForPriority, rankItems } from './opponentModel';

/** A truthful preference statement of ours: an item and its priority level. */
export interface OwnStatement {
  item: number;
  priority: PriorityLevel;
}

/**
 * Our highest-priority item we have not stated yet, with its true level (high for our top item,
 * low for our last, medium between), or null once every item is stated. ASTRA states its
 * preferences only truthfully: when the partner asks, and as its warning when an offer falls below
 * BATNA (telling the partner what we need is what lets it make an offer we can take).
 */
export function nextStatement(
  record: NegotiationRecord,
  ownUtilities: readonly number[],
): OwnStatement | null {
  const stated = new Set<number>();
  for (const turn of record.turns) {
    if (turn.speaker === 'self' && turn.act.type === 'statePreference') {
      stated.add(turn.act.item);
    }
  }
  const ranking = rankItems(ownUtilities);
  const rank = ranking.findIndex((item) => !stated.has(item));
  const item = ranking[rank];
  if (item === undefined) {
    return null;
  }
  const priority =
    priorityLevels.find((level) => rankForPriority(level, ranking.length) === rank) ?? 'medium';
  return { item, priority };
}

/**
 * Whether to ask the partner about its preferences instead of repeating our latest offer: only in
 * domains with statements, while the partner's stated priorities do not yet fix its ranking (all
 * but one item), and never again after a question it did not answer. A repeated offer tells the
 * partner nothing new, so the turn is better spent learning what it wants (the IPP's weakest
 * point is an order read from concessions, which follow our wishes as much as its own).
 */
export function shouldAskPreferences(record: NegotiationRecord, items: number): boolean {
  const stated = new Set(record.partnerStatements.map((s) => s.item));
  if (stated.size >= items - 1) {
    return false;
  }
  return record.turns.every(
    (turn, k) =>
      turn.speaker !== 'self' ||
      turn.act.type !== 'askPreference' ||
      record.turns[k + 1]?.act.type === 'statePreference',
  );
}
