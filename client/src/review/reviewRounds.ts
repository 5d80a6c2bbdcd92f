import type { AnnotationSummaryView } from '../../../shared/protocol/review';

export interface ReviewRound {
  id: string;
  name: string;
}

/**
 * The rounds that queue rows belong to, by name, in first-seen order. Reviewers cannot list
 * rounds; the rounds with annotations are the ones worth filtering by or measuring.
 */
export function roundsOfRows(rows: readonly AnnotationSummaryView[]): ReviewRound[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    if (row.roundId !== null && !seen.has(row.roundId)) {
      seen.set(row.roundId, row.roundName ?? 'unnamed round');
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** How a round reads in a reviewer's picker: its name, with the id's tail to tell twins apart. */
export const reviewRoundLabel = (round: ReviewRound) => `${round.name} (…${round.id.slice(-6)})`;
