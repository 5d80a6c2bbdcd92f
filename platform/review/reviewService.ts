import type { Connection } from 'mongoose';
import type {
  AnnotationDetailView,
  AnnotationSummaryView,
  Page,
  ReviewDecisionBody,
  ReviewQueueQuery,
  ReviewView,
} from '../../shared/protocol/review';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import type { SessionUser } from '../auth/sessionUser';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { taskModel, type Task } from '../tasks/taskModel';
import { roundModel } from '../rounds/roundModel';
import { userModel } from '../users/userModel';
import { recordAudit } from './auditLog';
import { presentDetail, presentReview, presentSummary } from './reviewPresenters';

/** The review queue, one annotation in detail, and reviewers' decisions (with audit). */
export function createReviewService(connection: Connection) {
  const annotations = annotationModel(connection);

  async function usernames(ids: readonly string[]): Promise<Map<string, string>> {
    const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/.test(id));
    const users = await userModel(connection)
      .find({ _id: { $in: valid } }, { username: 1 })
      .lean()
      .exec();
    return new Map(users.map((u) => [u._id.toHexString(), u.username]));
  }

  /** Round names by id (annotations outside rounds have none). */
  async function roundNames(ids: readonly (string | null | undefined)[]) {
    const valid = [...new Set(ids)].filter(
      (id): id is string => typeof id === 'string' && /^[0-9a-f]{24}$/.test(id),
    );
    const rounds = await roundModel(connection)
      .find({ _id: { $in: valid } }, { name: 1 })
      .lean()
      .exec();
    return new Map(rounds.map((r) => [r._id.toHexString(), r.name]));
  }

  /** Completed annotations, oldest first (the queue is worked from its head). */
  async function queue(query: ReviewQueueQuery): Promise<Page<AnnotationSummaryView>> {
    const filter: Record<string, unknown> = { status: 'completed' };
    if (query.roundId !== undefined) {
      filter.roundId = query.roundId;
    }
    if (query.workerId !== undefined) {
      filter.workerId = query.workerId;
    }
    if (query.status !== undefined) {
      filter['review.status'] = query.status;
    }
    if (query.flagged === true) {
      filter['flags.0'] = { $exists: true };
    }
    if (query.flagged === false) {
      filter.flags = { $size: 0 };
    }
    const [found, total] = await Promise.all([
      annotations
        .find(filter)
        .sort({ endedAt: 1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<Annotation[]>()
        .exec(),
      annotations.countDocuments(filter).exec(),
    ]);
    const names = await usernames(found.map((a) => a.workerId));
    const rounds = await roundNames(found.map((a) => a.roundId));
    return {
      items: found.map((a) =>
        presentSummary(a, names.get(a.workerId) ?? null, rounds.get(a.roundId ?? '') ?? null),
      ),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async function load(annotationId: string): Promise<{ annotation: Annotation; task: Task }> {
    const annotation = await annotations.findById(annotationId).lean<Annotation>().exec();
    const task =
      annotation === null
        ? null
        : await taskModel(connection).findById(annotation.taskId).lean<Task>().exec();
    if (annotation === null || task === null) {
      throw new NotFoundError(`No annotation ${annotationId}.`);
    }
    return { annotation, task };
  }

  async function detail(annotationId: string): Promise<AnnotationDetailView> {
    const { annotation, task } = await load(annotationId);
    const names = await usernames([annotation.workerId]);
    const rounds = await roundNames([annotation.roundId]);
    return presentDetail(
      task,
      annotation,
      names.get(annotation.workerId) ?? null,
      rounds.get(annotation.roundId ?? '') ?? null,
    );
  }

  /**
   * A reviewer's decision: a compare-and-set on the status the reviewer saw (and on the time of
   * the decision it replaces), so of two concurrent decisions exactly one wins and the other
   * gets a 409. Every decision is written to the audit log.
   */
  async function decide(
    reviewer: SessionUser,
    annotationId: string,
    body: ReviewDecisionBody,
    now = new Date(),
  ): Promise<ReviewView> {
    const { annotation } = await load(annotationId);
    if (annotation.status !== 'completed') {
      throw new ConflictError('Only completed annotations can be reviewed.');
    }
    if (annotation.workerId === reviewer.id) {
      throw new ForbiddenError('You may not review your own annotation.');
    }
    const expected = body.expectedStatus ?? 'pending';
    if (annotation.review.status !== expected) {
      throw new ConflictError(
        `The annotation is ${annotation.review.status} now, not ${expected}; reload it.`,
      );
    }
    const review = {
      status: body.decision,
      decidedBy: 'reviewer' as const,
      reviewerId: reviewer.id,
      reason: body.reason,
      bonusCents: body.bonusCents,
      at: now,
    };
    const written = await annotations
      .findOneAndUpdate(
        {
          _id: annotation._id,
          status: 'completed',
          'review.status': expected,
          'review.at': annotation.review.at ?? null,
        },
        { $set: { review } },
        { new: true },
      )
      .lean<Annotation>()
      .exec();
    if (written === null) {
      throw new ConflictError('Another decision on this annotation was made meanwhile; reload it.');
    }
    await recordAudit(
      connection,
      reviewer,
      {
        action: 'review.decision',
        targetType: 'annotation',
        targetId: annotationId,
        reason: body.reason,
        details: {
          decision: body.decision,
          previous: expected,
          bonusCents: body.bonusCents,
          workerId: annotation.workerId,
        },
      },
      now,
    );
    return presentReview(written.review);
  }

  return { queue, detail, decide };
}

export type ReviewService = ReturnType<typeof createReviewService>;
