import { describe, expect, it } from 'vitest';
import { dealRecord } from '../testing/records';
import {
  annotationIdParamsSchema,
  blockBodySchema,
  createGoldTaskBodySchema,
  myAnnotationsQuerySchema,
  reviewDecisionBodySchema,
  reviewQueueQuerySchema,
  trainableUnder,
  userIdParamsSchema,
  workerListQuerySchema,
} from './review';

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

describe('review requests', () => {
  const id = '0123456789abcdef01234567';
  it('decides with a trimmed reason of at most 500 characters and a bonus of 0 to 10,000 cents', () => {
    expect(
      reviewDecisionBodySchema.parse({
        decision: 'soft-rejected',
        reason: '  too fast ',
        bonusCents: 10_000,
        expectedStatus: 'accepted',
      }),
    ).toEqual({
      decision: 'soft-rejected',
      reason: 'too fast',
      bonusCents: 10_000,
      expectedStatus: 'accepted',
    });
    expect(
      reviewDecisionBodySchema
        .safeParse({ decision: 'rejected', reason: '   ' })
        .error?.issues.map((i) => [i.path.join('.'), i.message]),
    ).toEqual([['reason', 'a rejection needs a reason']]);
    for (const bad of [
      { decision: 'pending' },
      { decision: 'accepted', reason: 'x'.repeat(501) },
      { decision: 'accepted', bonusCents: -1 },
      { decision: 'accepted', bonusCents: 10_001 },
      { decision: 'accepted', bonusCents: 2.5 },
      { decision: 'accepted', expectedStatus: 'done' },
      { decision: 'accepted', reviewer: 'me' },
    ]) {
      expect(reviewDecisionBodySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('filters the queue by round, status, flags and worker, one page at a time', () => {
    expect(reviewQueueQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(
      reviewQueueQuerySchema.parse({
        roundId: id,
        status: 'pending',
        flagged: 'false',
        workerId: id,
        page: '100000',
        pageSize: '1',
      }),
    ).toEqual({
      roundId: id,
      status: 'pending',
      flagged: false,
      workerId: id,
      page: 100_000,
      pageSize: 1,
    });
    expect(reviewQueueQuerySchema.parse({ flagged: 'true' }).flagged).toBe(true);
    for (const bad of [
      { roundId: 'round-1' },
      { status: 'done' },
      { flagged: 'yes' },
      { page: '100001' },
      { pageSize: '0' },
      { page: '1.5' },
      { sort: 'newest' },
    ]) {
      expect(reviewQueueQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('blocks with a reason, lists workers by blocked state, and takes ids of 24 hex digits', () => {
    expect(blockBodySchema.parse({ reason: ' spam ' })).toEqual({ reason: 'spam' });
    expect(blockBodySchema.safeParse({ reason: ' ' }).success).toBe(false);
    expect(blockBodySchema.safeParse({ reason: 'x'.repeat(501) }).success).toBe(false);
    expect(workerListQuerySchema.parse({ blocked: 'true' })).toEqual({
      blocked: true,
      page: 1,
      pageSize: 20,
    });
    expect(annotationIdParamsSchema.safeParse({ annotationId: id }).success).toBe(true);
    expect(userIdParamsSchema.safeParse({ userId: id.toUpperCase() }).success).toBe(false);
    expect(myAnnotationsQuerySchema.parse({ page: '2' })).toEqual({ page: 2, pageSize: 20 });
  });
});

describe('a gold task', () => {
  it('names its dialogue in exactly one way: a stored dialogue or a record in the body', () => {
    const body = { cutAt: 2, expectations: { agreement: true } };
    expect(createGoldTaskBodySchema.parse({ ...body, dialogueId: 'd-1' })).toStrictEqual({
      ...body,
      dialogueId: 'd-1',
      redundancy: 3,
      alice: { kind: 'scripted', name: 'boulware' },
      roundId: null,
    });
    const oneWay = [
      ['record', 'give the dialogue as either `record` or `dialogueId` (exactly one of them)'],
    ];
    const neither = createGoldTaskBodySchema.safeParse(body);
    expect(neither.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual(oneWay);
    const record = dealRecord('gold-1');
    expect(createGoldTaskBodySchema.parse({ ...body, record }).record).toEqual(record);
    const both = createGoldTaskBodySchema.safeParse({ ...body, record, dialogueId: 'd-1' });
    expect(both.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual(oneWay);
  });
});
