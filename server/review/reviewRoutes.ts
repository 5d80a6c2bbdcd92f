import { Router } from 'express';
import type { Connection } from 'mongoose';
import { reviewRoutes } from '../../shared/contracts/reviewRoutes';
import type { Moderation } from '../../platform/users/moderation';
import { listAudit } from '../../platform/review/auditLog';
import { createQualityStats } from '../../platform/review/qualityStats';
import { createReviewService } from '../../platform/review/reviewService';
import { callerOf, serve } from '../http/serve';

/**
 * Reviewers' routes (`shared/contracts/reviewRoutes.ts`): the queue, one annotation, decisions,
 * worker stats, block/unblock workers, round quality numbers (researchers: their own rounds) and
 * the audit log (admins).
 */
export function reviewRouter(connection: Connection, moderation: Moderation): Router {
  const router = Router();
  const reviews = createReviewService(connection);
  const stats = createQualityStats(connection);

  serve(router, reviewRoutes.queue, async (input) => reviews.queue(input.query));
  serve(router, reviewRoutes.annotation, async (input) => ({
    annotation: await reviews.detail(input.params.annotationId),
  }));
  serve(router, reviewRoutes.decide, async (input) => ({
    review: await reviews.decide(callerOf(input), input.params.annotationId, input.body),
  }));
  serve(router, reviewRoutes.workers, async (input) => {
    const page = await moderation.list({ ...input.query, role: 'worker' });
    const items = [];
    for (const worker of page.items) {
      items.push(await stats.workerStats(worker.id));
    }
    return { ...page, items };
  });
  serve(router, reviewRoutes.workerStats, async (input) => ({
    stats: await stats.workerStats(input.params.userId),
  }));
  for (const [contract, blocked] of [
    [reviewRoutes.block, true],
    [reviewRoutes.unblock, false],
  ] as const) {
    serve(router, contract, async (input) => ({
      user: await moderation.setBlocked(
        callerOf(input),
        input.params.userId,
        blocked,
        input.body.reason,
      ),
    }));
  }
  serve(router, reviewRoutes.roundStats, async (input) => ({
    stats: await stats.roundStats(callerOf(input), input.params.roundId),
  }));
  serve(router, reviewRoutes.audit, async (input) => listAudit(connection, input.query));
  return router;
}
