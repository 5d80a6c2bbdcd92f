import { Router } from 'express';
import type { Connection } from 'mongoose';
import { goldTaskRoutes } from '../../shared/contracts/goldTaskRoutes';
import { createGoldTasks } from '../../platform/quality/goldTasks';
import { callerOf, serve } from '../http/serve';

/** `POST /gold-tasks`, `GET /gold-tasks` (researchers and admins). */
export function goldTaskRouter(connection: Connection): Router {
  const router = Router();
  const gold = createGoldTasks(connection);
  serve(router, goldTaskRoutes.create, async (input) => ({
    goldTask: await gold.create(callerOf(input), input.body),
  }));
  serve(router, goldTaskRoutes.list, async (input) => ({
    goldTasks: await gold.list(callerOf(input)),
  }));
  return router;
}
