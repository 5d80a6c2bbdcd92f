import type { Domain } from '../shared/domain/types';

/** Utilities per unit are at most 10 in every domain here (DealOrNoDeal 0–10, CaSiNo 3–5). */
const utilityScale = 10;

/** Three numbers per item: its count, one's value per unit, and the item's share of one's total. */
export function contextFeatureCount(domain: Domain): number {
  return domain.items.length * 3;
}

/** One agent's view of its context as model input, each feature in [0, 1]. */
export function contextFeatures(
  domain: Domain,
  counts: readonly number[],
  utilities: readonly number[],
): number[] {
  const features: number[] = [];
  domain.items.forEach((_, i) => {
    const count = counts[i] ?? 0;
    const utility = utilities[i] ?? 0;
    features.push(
      count / domain.maxCountPerItem,
      Math.min(1, utility / utilityScale),
      (count * utility) / domain.maxScore,
    );
  });
  return features;
}
