import { Router } from 'express';
import type { Connection } from 'mongoose';
import { systemRoutes } from '../../shared/contracts/systemRoutes';
import type { HealthView } from '../../shared/protocol/system';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { liveRunnerCount } from '../../platform/jobs/runnerPresence';
import { checkDatabase } from '../../platform/health/databaseHealth';
import { seesEveryOwner } from '../../shared/protocol/visibility';
import { serveRaw } from '../http/serve';

/**
 * `GET /api/health` (`shared/contracts/systemRoutes.ts`) → `{ status }` for everyone (monitors
 * need no more), and for admins also `{ db: { ok, kind, version }, workers: { alive }, uptime }`:
 * the database kind, its version and the uptime help an attacker pick an exploit, so anonymous
 * callers do not get them. 503 while the database is down, so it answers by itself.
 */
export function healthRouter(deps: {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
}): Router {
  const router = Router();
  serveRaw(router, systemRoutes.health, async (req, res) => {
    const db = await checkDatabase(deps.connection, deps.database);
    const status = db.ok ? 'ok' : 'unhealthy';
    const code = db.ok ? systemRoutes.health.success.status : 503;
    const user = req.user;
    if (user === undefined || !seesEveryOwner(user)) {
      res.status(code).json({ status } satisfies HealthView);
      return;
    }
    // Workers are reported, not required: the API stays healthy while they restart.
    const workers = db.ok ? { alive: await liveRunnerCount(deps.connection) } : null;
    res.status(code).json({
      status,
      db,
      workers,
      uptime: Math.round(process.uptime()),
    } satisfies HealthView);
  });
  return router;
}
