import { Router } from 'express';
import type { Connection } from 'mongoose';
import {
  annotationIdParamsSchema,
  auditQuerySchema,
  blockBodySchema,
  reviewDecisionBodySchema,
  reviewQueueQuerySchema,
  userIdParamsSchema,
  workerListQuerySchema,
} from '../../shared/protocol/review';
import { roundIdParamsSchema } from '../../shared/protocol/rounds';
import { requirePermission } from '../auth/guards';
import type { Moderation } from '../../platform/users/moderation';
import { listAudit } from '../../platform/review/auditLog';
import { createQualityStats } from '../../platform/review/qualityStats';
import { createReviewService } from '../../platform/review/reviewService';

/**
 * Reviewers' routes under `/review` (queue, detail, decisions, worker stats, block/unblock
 * workers), round quality numbers (researchers: their own rounds) and the audit log (admins).
 * Each route validates params, query and body with the shared schemas before anything else.
 */
export function reviewRouter(connection: Connection, moderation: Moderation): Router {
  const router = Router();
  const reviews = createReviewService(connection);
  const stats = createQualityStats(connection);
  const reviewer = requirePermission('review');
  const user = (req: Express.Request) => req.user as Express.User;

  router.get('/review/annotations', reviewer, async (req, res) => {
    res.json(await reviews.queue(reviewQueueQuerySchema.parse(req.query)));
  });

  router.get('/review/annotations/:annotationId', reviewer, async (req, res) => {
    const { annotationId } = annotationIdParamsSchema.parse(req.params);
    res.json({ annotation: await reviews.detail(annotationId) });
  });

  router.post('/review/annotations/:annotationId/decision', reviewer, async (req, res) => {
    const { annotationId } = annotationIdParamsSchema.parse(req.params);
    const body = reviewDecisionBodySchema.parse(req.body);
    res.json({ review: await reviews.decide(user(req), annotationId, body) });
  });

  router.get('/review/workers', reviewer, async (req, res) => {
    const query = workerListQuerySchema.parse(req.query);
    const page = await moderation.list({ ...query, role: 'worker' });
    const items = [];
    for (const worker of page.items) {
      items.push(await stats.workerStats(worker.id));
    }
    res.json({ ...page, items });
  });

  router.get('/review/workers/:userId/stats', reviewer, async (req, res) => {
    const { userId } = userIdParamsSchema.parse(req.params);
    res.json({ stats: await stats.workerStats(userId) });
  });

  for (const [action, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    router.post(`/review/workers/:userId/${action}`, reviewer, async (req, res) => {
      const { userId } = userIdParamsSchema.parse(req.params);
      const { reason } = blockBodySchema.parse(req.body);
      res.json({ user: await moderation.setBlocked(user(req), userId, blocked, reason) });
    });
  }

  router.get(
    '/review/rounds/:roundId/stats',
    requirePermission('readRoundQuality'),
    async (req, res) => {
      const { roundId } = roundIdParamsSchema.parse(req.params);
      res.json({ stats: await stats.roundStats(user(req), roundId) });
    },
  );

  router.get('/audit', requirePermission('readAuditLog'), async (req, res) => {
    res.json(await listAudit(connection, auditQuerySchema.parse(req.query)));
  });

  return router;
}
