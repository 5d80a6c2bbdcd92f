import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { liveRunnerCount } from '../../platform/jobs/runnerPresence';
import { checkDatabase } from '../../platform/health/databaseHealth';
import { seesEveryOwner } from '../../shared/protocol/visibility';

/**
 * `GET /api/health` → `{ status }` for everyone (monitors need no more), and for admins also
 * `{ db: { ok, kind, version }, workers: { alive }, uptime }`: the database kind, its version and
 * the uptime help an attacker pick an exploit, so anonymous callers do not get them.
 * 503 while the database is down.
 */
export function healthRouter(deps: {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
}): Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    const db = await checkDatabase(deps.connection, deps.database);
    const status = db.ok ? 'ok' : 'unhealthy';
    const user = req.user;
    if (user === undefined || !seesEveryOwner(user)) {
      res.status(db.ok ? 200 : 503).json({ status });
      return;
    }
    // Workers are reported, not required: the API stays healthy while they restart.
    const workers = db.ok ? { alive: await liveRunnerCount(deps.connection) } : null;
    res.status(db.ok ? 200 : 503).json({
      status,
      db,
      workers,
      uptime: Math.round(process.uptime()),
    });
  });
  return router;
}
