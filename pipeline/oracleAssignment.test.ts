import { describe, expect, it } from 'vitest';
import { assignOracles } from './oracleAssignment';

describe('assignOracles', () => {
  it('follows the mix exactly at its extremes and is deterministic for a seed', () => {
    expect(
      assignOracles(50, { human: 0, simulatedExpert: 1, astra: 0 }, 0.5, 3).every(
        (a) => a.oracle === 'simulatedExpert' && !a.gold,
      ),
    ).toBe(true);
    expect(
      assignOracles(50, { human: 1, simulatedExpert: 0, astra: 0 }, 0, 3).every(
        (a) => a.oracle === 'human' && !a.gold,
      ),
    ).toBe(true);
    const mix = { human: 0.5, simulatedExpert: 0.25, astra: 0.25 };
    expect(assignOracles(40, mix, 0.2, 9)).toEqual(assignOracles(40, mix, 0.2, 9));
  });

  it('splits roughly by the proportions and marks gold only among human tasks', () => {
    const assigned = assignOracles(4000, { human: 0.5, simulatedExpert: 0.3, astra: 0.2 }, 0.1, 1);
    const share = (kind: string) => assigned.filter((a) => a.oracle === kind).length / 4000;
    expect(share('human')).toBeCloseTo(0.5, 1);
    expect(share('simulatedExpert')).toBeCloseTo(0.3, 1);
    expect(share('astra')).toBeCloseTo(0.2, 1);
    const human = assigned.filter((a) => a.oracle === 'human');
    expect(human.filter((a) => a.gold).length / human.length).toBeCloseTo(0.1, 1);
    expect(assigned.some((a) => a.gold && a.oracle !== 'human')).toBe(false);
  });
});
