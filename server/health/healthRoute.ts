import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { liveWorkerCount } from '../../platform/jobs/runnerPresence';
import { checkDatabase } from '../../platform/health/databaseHealth';

/**
 * `GET /api/health` → `{ status, db: { ok, kind, version }, workers: { alive }, uptime }`;
 * 503 while the database is down.
 */
export function healthRouter(deps: {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
}): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const db = await checkDatabase(deps.connection, deps.database);
    // Workers are reported, not required: the API stays healthy while they restart.
    const workers = db.ok ? { alive: await liveWorkerCount(deps.connection) } : null;
    res.status(db.ok ? 200 : 503).json({
      status: db.ok ? 'ok' : 'unhealthy',
      db,
      workers,
      uptime: Math.round(process.uptime()),
    });
  });
  return router;
}
