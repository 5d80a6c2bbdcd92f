import { complement } from '../domain/allocation';
import { isOffer } from '../dialogue/acts';
import type { AstraTurn, OfferRecord, PreferenceStatement } from './types';

/** The history digested once: offers by side (oldest first) and the partner's statements. */
export interface NegotiationRecord {
  counts: readonly number[];
  /** Item ids, for explanations. */
  itemIds: readonly string[];
  turns: readonly AstraTurn[];
  ownOffers: OfferRecord[];
  partnerOffers: OfferRecord[];
  /** The partner's preference statements, oldest first. */
  partnerStatements: PreferenceStatement[];
}

export function readRecord(
  counts: readonly number[],
  itemIds: readonly string[],
  turns: readonly AstraTurn[],
): NegotiationRecord {
  const ownOffers: OfferRecord[] = [];
  const partnerOffers: OfferRecord[] = [];
  const partnerStatements: PreferenceStatement[] = [];
  turns.forEach(({ speaker, act }, turn) => {
    if (isOffer(act)) {
      // An offer's allocation is what its speaker gets.
      const speakerShare = [...act.allocation];
      const otherShare = complement(counts, act.allocation);
      const record: OfferRecord =
        speaker === 'self'
          ? { turn, speaker, ownShare: speakerShare, partnerShare: otherShare }
          : { turn, speaker, ownShare: otherShare, partnerShare: speakerShare };
      (speaker === 'self' ? ownOffers : partnerOffers).push(record);
    } else if (act.type === 'statePreference' && speaker === 'partner') {
      partnerStatements.push({ turn, item: act.item, priority: act.priority });
    }
  });
  return { counts, itemIds, turns, ownOffers, partnerOffers, partnerStatements };
}

/** The latest element, or null. */
export function latest<T>(items: readonly T[]): T | null {
  return items.at(-1) ?? null;
}

/** The own offer that was on the table when the partner made the offer at `turn`, or null. */
export function ownOfferBefore(record: NegotiationRecord, turn: number): OfferRecord | null {
  let found: OfferRecord | null = null;
  for (const offer of record.ownOffers) {
    if (offer.turn < turn) {
      found = offer;
    }
  }
  return found;
}
