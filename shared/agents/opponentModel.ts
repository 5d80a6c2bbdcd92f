import { isOffer, priorityLevels, type PriorityLevel } from '../dialogue/acts';
import type { NegotiatorView } from './negotiator';

/**
 * A frequency-based model of the partner's per-unit values, from what a negotiator may see.
 *
 * - Prior (no signal yet): preferences opposite to one's own (ASTRA's assumption): item i gets
 *   max(u) + min(u) − u_i, which exactly reverses a CaSiNo priority order.
 * - Evidence: how much of each item the partner asks for across its offers (mean share of the
 *   count); an item it always claims is worth more to it. Evidence weighs n/(n+1) after n offers.
 * - In domains with priority statements, the partner's values are taken to be a permutation of
 *   one's own (true in CaSiNo: 5/4/3 for everyone): items the partner ranked get that rank's
 *   value, the others the remaining values in the order of the estimate.
 *
 * Both agents' items are worth the same in total in the domains here (DealOrNoDeal 10,
 * CaSiNo 36), so estimates are scaled to one's own total.
 */
export function estimatePartnerUtilities(view: NegotiatorView): number[] {
  const { counts, utilities, turns, me } = view;
  const total = utilities.reduce((s, u, i) => s + u * (counts[i] ?? 0), 0);
  const high = Math.max(...utilities);
  const low = Math.min(...utilities);
  const prior = scaled(
    utilities.map((u) => high + low - u),
    counts,
    total,
  );
  const demand = counts.map(() => 0);
  let offers = 0;
  for (const turn of turns) {
    if (turn.speaker !== me && isOffer(turn.act)) {
      offers++;
      turn.act.allocation.forEach((n, i) => {
        const count = counts[i] ?? 0;
        demand[i] = (demand[i] ?? 0) + (count > 0 ? n / count : 0);
      });
    }
  }
  const evidence = offers === 0 ? prior : scaled(demand, counts, total);
  const weight = offers / (offers + 1);
  const estimate = prior.map((p, i) => (1 - weight) * p + weight * (evidence[i] ?? 0));
  return view.domain.supportsPreferences ? withStatedPriorities(view, estimate) : estimate;
}

/** Per-unit values proportional to `weights`, worth `total` over all the items. */
function scaled(weights: readonly number[], counts: readonly number[], total: number): number[] {
  const worth = weights.reduce((s, w, i) => s + w * (counts[i] ?? 0), 0);
  const itemCount = counts.reduce((s, c) => s + c, 0);
  if (worth <= 0) {
    return weights.map(() => (itemCount > 0 ? total / itemCount : 0));
  }
  return weights.map((w) => (w * total) / worth);
}

/** The partner's latest stated priority per item. */
function statedPriorities(view: NegotiatorView): Map<number, PriorityLevel> {
  const stated = new Map<number, PriorityLevel>();
  for (const turn of view.turns) {
    if (turn.speaker !== view.me && turn.act.type === 'statePreference') {
      // A later statement of the same level replaces an earlier one for another item.
      for (const [item, level] of stated) {
        if (level === turn.act.priority) {
          stated.delete(item);
        }
      }
      stated.set(turn.act.item, turn.act.priority);
    }
  }
  return stated;
}

function withStatedPriorities(view: NegotiatorView, estimate: number[]): number[] {
  const stated = statedPriorities(view);
  const values = [...view.utilities].sort((a, b) => b - a);
  if (stated.size === 0 || values.length !== priorityLevels.length) {
    return estimate;
  }
  const result = estimate.map(() => 0);
  const free = values.filter(
    (_, rank) => ![...stated.values()].includes(priorityLevels[rank] as PriorityLevel),
  );
  const unranked = estimate
    .map((value, item) => ({ value, item }))
    .filter(({ item }) => !stated.has(item))
    .sort((a, b) => b.value - a.value || a.item - b.item);
  for (const [item, level] of stated) {
    result[item] = values[priorityLevels.indexOf(level)] ?? 0;
  }
  unranked.forEach(({ item }, k) => {
    result[item] = free[k] ?? 0;
  });
  return result;
}
