import type { Rng } from '../random/rng';
import type { Context, Domain } from './types';

const totalValue = 10;
const minItems = 5;
const maxItems = 7;
const maxCount = 4;

/** Every count vector of the original task: 1–4 of each of three items, 5–7 items in all. */
const countVectors: number[][] = [];
for (let a = 1; a <= maxCount; a++) {
  for (let b = 1; b <= maxCount; b++) {
    for (let c = 1; c <= maxCount; c++) {
      if (a + b + c >= minItems && a + b + c <= maxItems) {
        countVectors.push([a, b, c]);
      }
    }
  }
}

/** Every value vector (0–10 per unit) worth exactly 10 for the given counts. */
function valueVectors(counts: readonly number[]): number[][] {
  const result: number[][] = [];
  const [c0 = 0, c1 = 0, c2 = 0] = counts;
  for (let v0 = 0; v0 <= totalValue && v0 * c0 <= totalValue; v0++) {
    for (let v1 = 0; v1 <= totalValue && v0 * c0 + v1 * c1 <= totalValue; v1++) {
      const rest = totalValue - v0 * c0 - v1 * c1;
      if (rest % c2 === 0 && rest / c2 <= totalValue) {
        result.push([v0, v1, rest / c2]);
      }
    }
  }
  return result;
}

const valuesByCounts = new Map(countVectors.map((c) => [c.join(','), valueVectors(c)]));

function pairIsValid(a: readonly number[], b: readonly number[]): boolean {
  // Every item matters to someone; some item matters to both (so there is something to trade).
  const everyItemWanted = a.every((v, i) => v > 0 || (b[i] ?? 0) > 0);
  const someItemShared = a.some((v, i) => v > 0 && (b[i] ?? 0) > 0);
  return everyItemWanted && someItemShared;
}

/**
 * DealOrNoDeal (Lewis et al. 2017): books, hats and balls; each agent's items are worth 10 in
 * total; 20 turns; no deal scores 0. Contexts are drawn like the original task: counts uniformly
 * among the valid count vectors, then each agent's values uniformly among those worth 10,
 * redrawn until the pair satisfies the task's constraints.
 */
export const dealOrNoDeal: Domain = {
  id: 'dealornodeal',
  name: 'DealOrNoDeal',
  items: [
    { id: 'book', singular: 'book', plural: 'books' },
    { id: 'hat', singular: 'hat', plural: 'hats' },
    { id: 'ball', singular: 'ball', plural: 'balls' },
  ],
  maxCountPerItem: maxCount,
  maxScore: totalValue,
  batna: 0,
  maxTurns: 20,
  supportsWalkaway: false,
  supportsPreferences: false,
  sampleContext(rng: Rng): Context {
    for (;;) {
      const counts = rng.pick(countVectors);
      const options = valuesByCounts.get(counts.join(',')) ?? [];
      const a = rng.pick(options);
      const b = rng.pick(options);
      if (pairIsValid(a, b)) {
        return { counts: [...counts], utilities: [[...a], [...b]] };
      }
    }
  },
  validateContext(context: Context): string[] {
    const problems: string[] = [];
    const { counts, utilities } = context;
    if (counts.length !== 3 || utilities.some((u) => u.length !== 3)) {
      return ['DealOrNoDeal has exactly three item types (book, hat, ball)'];
    }
    if (counts.some((c) => !Number.isInteger(c) || c < 1 || c > maxCount)) {
      problems.push(`each item count must be an integer from 1 to ${maxCount}`);
    }
    const total = counts.reduce((s, c) => s + c, 0);
    if (total < minItems || total > maxItems) {
      problems.push(`there must be ${minItems}–${maxItems} items in total, not ${total}`);
    }
    utilities.forEach((u, agent) => {
      if (u.some((v) => !Number.isInteger(v) || v < 0 || v > totalValue)) {
        problems.push(`agent ${agent}'s values must be integers from 0 to ${totalValue}`);
      }
      const worth = u.reduce((s, v, i) => s + v * (counts[i] ?? 0), 0);
      if (worth !== totalValue) {
        problems.push(`agent ${agent}'s items must be worth ${totalValue} in total, not ${worth}`);
      }
    });
    if (!pairIsValid(utilities[0], utilities[1])) {
      problems.push('every item must be worth something to someone, and some item to both');
    }
    return problems;
  },
};
