import { z } from 'zod';
import type { retrainingPolicies } from './rounds';

/**
 * Where an annotation stands in review. `pending`: nobody decided yet (flagged annotations wait
 * here for a reviewer); `accepted`: fit for training; `soft-rejected`: kept, paid, not trained
 * on; `rejected`: not paid, not trained on.
 */
export const reviewStatuses = ['pending', 'accepted', 'soft-rejected', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Who decided: the automatic checks (a completed annotation with no flags) or a reviewer. */
export const reviewDeciders = ['auto', 'reviewer'] as const;
export type ReviewDecider = (typeof reviewDeciders)[number];

export interface ReviewState {
  status: ReviewStatus;
  decidedBy: ReviewDecider | null;
}

type RetrainingPolicy = (typeof retrainingPolicies)[number];

/**
 * The round's retraining policy decides which human annotations may reach Bob's training set:
 * `auto-accepted` takes every accepted annotation (the automatic checks' or a reviewer's);
 * `reviewed-accepted` only those a reviewer accepted. Nothing pending or rejected ever trains.
 */
export function trainableUnder(policy: RetrainingPolicy, review: ReviewState): boolean {
  if (review.status !== 'accepted') {
    return false;
  }
  return policy === 'auto-accepted' || review.decidedBy === 'reviewer';
}

/** A reviewer's decision on one annotation (`POST /api/review/annotations/:id/decision`). */
export const reviewDecisionBodySchema = z
  .strictObject({
    decision: z.enum(['accepted', 'soft-rejected', 'rejected']),
    reason: z.string().trim().max(500).default(''),
    /** A bonus for the worker, in cents. */
    bonusCents: z.int().min(0).max(10_000).default(0),
  })
  .refine((body) => body.decision === 'accepted' || body.reason.length > 0, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBodySchema>;
