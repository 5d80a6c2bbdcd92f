import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { DatabaseKind } from '../database/embedded/types';
import { checkDatabase } from './databaseHealth';

/** `GET /api/health` → `{ status, db: { ok, kind, version }, uptime }`; 503 while the database is down. */
export function healthRouter(deps: {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
}): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const db = await checkDatabase(deps.connection, deps.database);
    res.status(db.ok ? 200 : 503).json({
      status: db.ok ? 'ok' : 'unhealthy',
      db,
      uptime: Math.round(process.uptime()),
    });
  });
  return router;
}
