import type { Connection } from 'mongoose';
import type { Outcome } from '../../shared/dialogue/outcome';
import type { MyAnnotationView, MyAnnotationsQuery, Page } from '../../shared/protocol/review';
import { annotationModel, type Annotation } from '../annotation/annotationModel';

/**
 * What a worker sees of their own finished annotations: how the review went and why, so a
 * reviewer's reason reaches the person it is written for. Only the worker's own (the filter is
 * the signed-in user's id), never who reviewed, the flags, or which tasks were gold.
 */
export function presentMyAnnotation(annotation: Annotation): MyAnnotationView {
  const outcome = annotation.outcome as Outcome | null;
  return {
    id: annotation._id.toHexString(),
    roundId: annotation.roundId ?? null,
    status: annotation.status,
    startedAt: annotation.startedAt.toISOString(),
    endedAt: annotation.endedAt?.toISOString() ?? null,
    // The worker sat in Bob's seat: their score is Bob's.
    outcome: outcome === null ? null : { agreed: outcome.agreed, yourScore: outcome.scores[1] },
    review: {
      status: annotation.review.status,
      reason: annotation.review.reason ?? '',
      bonusCents: annotation.review.bonusCents,
      at: annotation.review.at?.toISOString() ?? null,
    },
  };
}

export async function listMyAnnotations(
  connection: Connection,
  workerId: string,
  query: MyAnnotationsQuery,
): Promise<Page<MyAnnotationView>> {
  // A task being annotated right now is not for review yet.
  const filter = { workerId, status: { $ne: 'active' } };
  const annotations = annotationModel(connection);
  const [found, total] = await Promise.all([
    annotations
      .find(filter)
      .sort({ startedAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<Annotation[]>()
      .exec(),
    annotations.countDocuments(filter).exec(),
  ]);
  return {
    items: found.map(presentMyAnnotation),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
