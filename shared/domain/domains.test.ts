import { describe, expect, it } from 'vitest';
import { domainIds, getDomain, isDomainId } from './domains';

describe('domain registry', () => {
  it('finds both domains by id and refuses unknown ones clearly', () => {
    expect(domainIds).toEqual(['dealornodeal', 'casino']);
    expect(getDomain('dealornodeal').name).toBe('DealOrNoDeal');
    expect(getDomain('casino').items.map((i) => i.id)).toEqual(['food', 'water', 'firewood']);
    expect(isDomainId('toString')).toBe(false);
    expect(() => getDomain('chess')).toThrow(
      'Unknown domain "chess"; known domains: dealornodeal, casino',
    );
  });

  it('has the issue-3 limits for DealOrNoDeal', () => {
    const d = getDomain('dealornodeal');
    expect([d.maxTurns, d.maxScore, d.batna, d.maxCountPerItem]).toEqual([20, 10, 0, 4]);
    expect(d.items.map((i) => i.id)).toEqual(['book', 'hat', 'ball']);
  });
});
