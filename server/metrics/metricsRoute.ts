import { Router } from 'express';
import { systemRoutes } from '../../shared/contracts/systemRoutes';
import type { PlatformMetrics } from '../../platform/metrics/platformMetrics';
import { serveRaw } from '../http/serve';

/**
 * `GET /metrics` (`shared/contracts/systemRoutes.ts`) in Prometheus text format, for admins (a
 * scraper authenticates with an admin's API token: `Authorization: Bearer …`).
 */
export function metricsRouter(metrics: PlatformMetrics): Router {
  const router = Router();
  serveRaw(router, systemRoutes.metrics, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
