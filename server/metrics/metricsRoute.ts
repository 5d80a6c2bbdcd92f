import { Router } from 'express';
import { requirePermission } from '../auth/guards';
import type { PlatformMetrics } from '../../platform/metrics/platformMetrics';

/**
 * `GET /metrics` in Prometheus text format, for admins (a scraper authenticates with an
 * admin's API token: `Authorization: Bearer …`).
 */
export function metricsRouter(metrics: PlatformMetrics): Router {
  const router = Router();
  router.get('/metrics', requirePermission('viewMetrics'), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
