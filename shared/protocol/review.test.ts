import { describe, expect, it } from 'vitest';
import { reviewDecisionBodySchema, trainableUnder } from './review';

describe('trainableUnder', () => {
  it('lets auto-accepted annotations train only under the auto-accepted policy', () => {
    const auto = { status: 'accepted', decidedBy: 'auto' } as const;
    expect(trainableUnder('auto-accepted', auto)).toBe(true);
    expect(trainableUnder('reviewed-accepted', auto)).toBe(false);
  });

  it('lets reviewer-accepted annotations train under both policies', () => {
    const reviewed = { status: 'accepted', decidedBy: 'reviewer' } as const;
    expect(trainableUnder('auto-accepted', reviewed)).toBe(true);
    expect(trainableUnder('reviewed-accepted', reviewed)).toBe(true);
  });

  it('never trains on pending or rejected annotations', () => {
    for (const status of ['pending', 'soft-rejected', 'rejected'] as const) {
      for (const decidedBy of ['auto', 'reviewer', null] as const) {
        expect(trainableUnder('auto-accepted', { status, decidedBy })).toBe(false);
        expect(trainableUnder('reviewed-accepted', { status, decidedBy })).toBe(false);
      }
    }
  });
});

describe('reviewDecisionBodySchema', () => {
  it('requires a reason to reject', () => {
    expect(reviewDecisionBodySchema.safeParse({ decision: 'rejected' }).success).toBe(false);
    expect(
      reviewDecisionBodySchema.safeParse({ decision: 'rejected', reason: 'random acts' }).success,
    ).toBe(true);
    expect(reviewDecisionBodySchema.parse({ decision: 'accepted' })).toEqual({
      decision: 'accepted',
      reason: '',
      bonusCents: 0,
    });
  });
});
