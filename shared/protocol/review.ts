import { z } from 'zod';
import { scriptedNegotiatorNames } from '../agents/scripted/catalogue';
import { dialogueRecordSchema } from '../corpus/dialogueRecord';
import type { Act } from '../dialogue/acts';
import { goldExpectationsSchema, type GoldExpectations } from '../quality/gold';
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
    /**
     * The status the reviewer saw (default `pending`): the decision is a compare-and-set on it,
     * so two reviewers deciding at once, or a decision over one made meanwhile, gets a 409.
     */
    expectedStatus: z.enum(reviewStatuses).optional(),
  })
  .refine((body) => body.decision === 'accepted' || body.reason.length > 0, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBodySchema>;

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'an id (24 hex digits)');
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Page parameters of every paginated list (query strings, 1-based pages). */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** A page of a list, newest first unless a route says otherwise. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const annotationIdParamsSchema = z.strictObject({ annotationId: objectId });
export const userIdParamsSchema = z.strictObject({ userId: objectId });

/** `GET /api/review/annotations`: the review queue (completed annotations), filtered. */
export const reviewQueueQuerySchema = z.strictObject({
  roundId: objectId.optional(),
  status: z.enum(reviewStatuses).optional(),
  /** true: only annotations with flags; false: only those without. */
  flagged: booleanQuery.optional(),
  workerId: objectId.optional(),
  ...pageQuery,
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

/** `GET /api/review/workers`: crowd workers with their stats, by username. */
export const workerListQuerySchema = z.strictObject({
  blocked: booleanQuery.optional(),
  ...pageQuery,
});
export type WorkerListQuery = z.infer<typeof workerListQuerySchema>;

/** `POST /api/review/workers/:userId/block` and `…/unblock`. */
export const blockBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type BlockBody = z.infer<typeof blockBodySchema>;

export interface ReviewView {
  status: ReviewStatus;
  decidedBy: ReviewDecider | null;
  reviewerId: string | null;
  reason: string;
  bonusCents: number;
  at: string | null;
}

/** `GET /api/my/annotations`: a worker's own annotations, newest first. */
export const myAnnotationsQuerySchema = z.strictObject({ ...pageQuery });
export type MyAnnotationsQuery = z.infer<typeof myAnnotationsQuerySchema>;

/**
 * One of the worker's own annotations as they see it: the review's status, reason and bonus,
 * but not who reviewed it, its quality flags or whether it was a gold task.
 */
export interface MyAnnotationView {
  id: string;
  roundId: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
  outcome: { agreed: boolean; yourScore: number } | null;
  review: { status: ReviewStatus; reason: string; bonusCents: number; at: string | null };
}

export interface FlagView {
  /** A stable code (shared/quality/annotationFlags.ts `flagCodes`). */
  code: string;
  detail: string;
}

/** One row of the review queue. */
export interface AnnotationSummaryView {
  id: string;
  taskId: string;
  roundId: string | null;
  /** The round's name, so reviewers pick rounds by name (they cannot list rounds). */
  roundName: string | null;
  worker: { id: string; username: string | null };
  status: string;
  gold: { passed: boolean; failures: string[] } | null;
  flags: FlagView[];
  review: ReviewView;
  outcome: { agreed: boolean; scores: { alice: number; bob: number } } | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ReviewTurnView {
  turn: number;
  speaker: 'alice' | 'bob';
  act: Act;
  /** True for the task's prefix (self-play), false for acts said during the annotation. */
  prefix: boolean;
  at: string | null;
  /** ASTRA's suggestion shown to the worker before this act, if asked for. */
  suggested: Act | null;
  /** Both sides' scores of an offer (Alice's share is the allocation when Alice offers). */
  offerScores: { alice: number; bob: number } | null;
}

/**
 * One annotation for a reviewer: the dialogue replayed with both sides' utilities and scores,
 * and the Pareto frontier (points of a small scatter plot, Alice's score on x). Reviewers
 * only: workers never see Alice's side.
 */
export interface AnnotationDetailView extends AnnotationSummaryView {
  domain: string;
  counts: number[];
  utilities: { alice: number[]; bob: number[] };
  batna: number;
  turns: ReviewTurnView[];
  selections: { alice: number[] | null | undefined; bob: number[] | null | undefined };
  invalidActs: number;
  suggestionsAsked: number;
  frontier: { alice: number; bob: number; allocation: number[] }[];
  deal: { alice: number; bob: number; paretoOptimal: boolean | null } | null;
}

export interface WorkerStatsView {
  worker: { id: string; username: string; blocked: boolean };
  completed: number;
  abandoned: number;
  /** Completed annotations per hour of annotating (time between start and end of each). */
  throughputPerHour: number | null;
  medianSecondsPerAnnotation: number | null;
  gold: { answered: number; correct: number; accuracy: number | null };
  /** Share of the worker's first responses that match another annotator's on the same task. */
  agreement: number | null;
  flaggedAnnotations: number;
  flags: number;
  flagCounts: Record<string, number>;
  review: Record<ReviewStatus, number>;
  reliability: number;
  /** The chance a claim of theirs now prefers a gold task, per unit of gold rate. */
  goldRateFactor: number;
}

export interface RoundQualityView {
  roundId: string;
  annotations: {
    completed: number;
    flagged: number;
    review: Record<ReviewStatus, number>;
  };
  /** Tasks with at least two completed annotations (what agreement is measured on). */
  redundantTasks: number;
  /** Krippendorff's α (nominal) on the first-response act type; null when undefined. */
  alpha: number | null;
  /** Share of pairs of annotations of one task that reached the same outcome. */
  outcomeAgreement: number | null;
  gold: { answered: number; correct: number };
  workers: { id: string; username: string | null; completed: number; agreement: number | null }[];
}

/**
 * What the audit log records: every review decision, block, unblock, role change, gold task,
 * and every promotion of a round's checkpoints to a default.
 */
export const auditActionNames = [
  'review.decision',
  'user.block',
  'user.unblock',
  'user.roles',
  'user.invite',
  'user.password_reset',
  'user.unlock',
  'gold.create',
  'round.promote',
  'study.create',
  'study.update',
  'study.status',
  'study.rotate_secret',
  'study.codes',
] as const;
export type AuditAction = (typeof auditActionNames)[number];
export const auditTargetTypes = ['annotation', 'user', 'task', 'round', 'study'] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** `GET /api/audit`: admins read the audit log, newest first. */
export const auditQuerySchema = z.strictObject({
  action: z.enum(auditActionNames).optional(),
  targetId: z.string().min(1).max(100).optional(),
  actorId: objectId.optional(),
  ...pageQuery,
});

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; username: string };
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  reason: string;
  details: Record<string, unknown>;
}

/**
 * `POST /api/gold-tasks`: a gold task cut from a dialogue record, with its expectations. The
 * record comes in the body, or by `dialogueId` from a stored dialogue of one of your rounds.
 */
export const createGoldTaskBodySchema = z
  .strictObject({
    record: dialogueRecordSchema.optional(),
    dialogueId: z.string().min(1).max(200).optional(),
    /** Index of Alice's act the task is cut after. */
    cutAt: z.int().min(0).max(200),
    expectations: goldExpectationsSchema,
    redundancy: z.int().min(1).max(20).default(3),
    alice: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('scripted'), name: z.enum(scriptedNegotiatorNames) }),
        z.strictObject({ kind: z.literal('astra'), name: z.literal('astra') }),
      ])
      .default({ kind: 'scripted', name: 'boulware' }),
    roundId: objectId.nullable().default(null),
  })
  .refine((body) => (body.record === undefined) !== (body.dialogueId === undefined), {
    message: 'give the dialogue as either `record` or `dialogueId` (exactly one of them)',
    path: ['record'],
  });
export type CreateGoldTaskBody = z.infer<typeof createGoldTaskBodySchema>;

export interface GoldTaskView {
  taskId: string;
  roundId: string | null;
  redundancy: number;
  expectations: GoldExpectations;
  createdAt: string;
}
