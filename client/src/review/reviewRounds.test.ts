import { describe, expect, it } from 'vitest';
import type { AnnotationSummaryView } from '../../../shared/protocol/review';
import { reviewRoundLabel, roundsOfRows } from './reviewRounds';

const row = (roundId: string | null, roundName: string | null) =>
  ({ roundId, roundName }) as AnnotationSummaryView;

describe('rounds in the review console', () => {
  it('are picked by name, once each, in the order the queue shows them', () => {
    const a = '64b7f0c2a1b2c3d4e5f60718';
    const b = '64b7f0c2a1b2c3d4e5f6aabb';
    const rounds = roundsOfRows([row(a, 'pilot'), row(null, null), row(b, null), row(a, 'pilot')]);
    expect(rounds).toEqual([
      { id: a, name: 'pilot' },
      { id: b, name: 'unnamed round' },
    ]);
    expect(rounds.map(reviewRoundLabel)).toEqual(['pilot (…f60718)', 'unnamed round (…f6aabb)']);
  });
});
