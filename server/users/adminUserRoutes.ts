import { Router } from 'express';
import { blockBodySchema, userIdParamsSchema } from '../../shared/protocol/review';
import { setRolesBodySchema, userListQuerySchema } from '../../shared/protocol/users';
import { requirePermission } from '../auth/guards';
import type { Moderation } from './moderation';

/** Admins' user management under `/admin/users`: list, roles, block and unblock anyone. */
export function adminUserRouter(moderation: Moderation): Router {
  const router = Router();
  const admin = requirePermission('manageUsers');
  const user = (req: Express.Request) => req.user as Express.User;

  router.get('/admin/users', admin, async (req, res) => {
    res.json(await moderation.list(userListQuerySchema.parse(req.query)));
  });

  router.put('/admin/users/:userId/roles', admin, async (req, res) => {
    const { userId } = userIdParamsSchema.parse(req.params);
    const body = setRolesBodySchema.parse(req.body);
    res.json({ user: await moderation.setRoles(user(req), userId, body.roles, body.reason) });
  });

  for (const [action, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    router.post(`/admin/users/:userId/${action}`, admin, async (req, res) => {
      const { userId } = userIdParamsSchema.parse(req.params);
      const { reason } = blockBodySchema.parse(req.body);
      res.json({ user: await moderation.setBlocked(user(req), userId, blocked, reason) });
    });
  }

  return router;
}
