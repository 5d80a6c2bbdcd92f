import { Router } from 'express';
import { createGoldTaskBodySchema } from '../../shared/protocol/review';
import { requirePermission } from '../auth/guards';
import type { Connection } from 'mongoose';
import { createGoldTasks } from '../../platform/quality/goldTasks';

/** `POST /gold-tasks`, `GET /gold-tasks` (researchers and admins). */
export function goldTaskRouter(connection: Connection): Router {
  const router = Router();
  const gold = createGoldTasks(connection);
  const allowed = requirePermission('manageGoldTasks');
  router.post('/gold-tasks', allowed, async (req, res) => {
    const body = createGoldTaskBodySchema.parse(req.body);
    res.status(201).json({ goldTask: await gold.create(req.user as Express.User, body) });
  });
  router.get('/gold-tasks', allowed, async (req, res) => {
    res.json({ goldTasks: await gold.list(req.user as Express.User) });
  });
  return router;
}
