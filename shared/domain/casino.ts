import type { Rng } from '../random/rng';
import type { Context, Domain } from './types';

/** Points per unit for a high, medium and low priority item. */
export const casinoPriorityPoints = [5, 4, 3] as const;
const unitsPerItem = 3;
const walkAwayPoints = 5;
const maxScore = unitsPerItem * casinoPriorityPoints.reduce((s, p) => s + p, 0);

/**
 * CaSiNo-style multi-issue bargaining (the domain ASTRA was evaluated on): food, water and
 * firewood, three units each; each agent ranks the three items high / medium / low, worth 5 / 4 /
 * 3 points per unit (36 at most); walking away, or no deal, gives each side 5 points.
 */
export const casino: Domain = {
  id: 'casino',
  name: 'CaSiNo',
  items: [
    { id: 'food', singular: 'food package', plural: 'food packages' },
    { id: 'water', singular: 'water package', plural: 'water packages' },
    { id: 'firewood', singular: 'firewood package', plural: 'firewood packages' },
  ],
  maxCountPerItem: unitsPerItem,
  maxScore,
  batna: walkAwayPoints,
  maxTurns: 20,
  supportsWalkaway: true,
  supportsPreferences: true,
  sampleContext(rng: Rng): Context {
    const draw = () => rng.shuffle([...casinoPriorityPoints]);
    return { counts: [unitsPerItem, unitsPerItem, unitsPerItem], utilities: [draw(), draw()] };
  },
  validateContext(context: Context): string[] {
    const problems: string[] = [];
    if (context.counts.length !== 3 || context.counts.some((c) => c !== unitsPerItem)) {
      problems.push(`CaSiNo has three items with ${unitsPerItem} units each`);
    }
    context.utilities.forEach((u, agent) => {
      const sorted = [...u].sort((x, y) => y - x);
      if (sorted.join(',') !== casinoPriorityPoints.join(',')) {
        problems.push(`agent ${agent}'s values must be 5, 4 and 3 in some order`);
      }
    });
    return problems;
  },
};
