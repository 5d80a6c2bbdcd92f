import { describe, expect, it } from 'vitest';
import {
  alphaVerdict,
  flagSummary,
  formatAlpha,
  formatCents,
  formatRate,
  formatSeconds,
  formatShare,
} from './format';

describe('quality numbers as people read them', () => {
  it('formats shares, and says "—" for what cannot be measured yet', () => {
    expect(formatShare(0.873)).toBe('87 %');
    expect(formatShare(0.8735, 1)).toBe('87.4 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(null)).toBe('—');
    expect(formatShare(Number.NaN)).toBe('—');
  });

  it("formats Krippendorff's α signed, with Krippendorff's thresholds", () => {
    expect(formatAlpha(0.8123)).toBe('0.81');
    expect(formatAlpha(-0.25)).toBe('-0.25');
    expect(formatAlpha(null)).toBe('—');
    expect(alphaVerdict(0.8)).toBe('reliable');
    expect(alphaVerdict(0.7)).toBe('tentative');
    expect(alphaVerdict(0.2)).toBe('low');
    expect(alphaVerdict(null)).toMatch(/^not measurable/);
  });

  it('formats money, rates and durations', () => {
    expect(formatCents(150)).toBe('$1.50');
    expect(formatCents(0)).toBe('—');
    expect(formatRate(12.54)).toBe('12.5 / h');
    expect(formatRate(46753.2)).toBe('46753 / h');
    expect(formatRate(null)).toBe('—');
    expect(formatSeconds(45.4)).toBe('45 s');
    expect(formatSeconds(200)).toBe('3 min 20 s');
    expect(formatSeconds(120)).toBe('2 min');
    expect(formatSeconds(null)).toBe('—');
  });

  it('summarises flag counts, most frequent first, without the zero ones', () => {
    expect(flagSummary({ repeated_acts: 1, too_fast: 3, always_agree: 0 })).toBe(
      'too fast ×3, repeated acts ×1',
    );
    expect(flagSummary({})).toBe('none');
  });
});
