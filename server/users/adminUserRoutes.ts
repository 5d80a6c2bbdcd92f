import { Router } from 'express';
import { blockBodySchema, userIdParamsSchema } from '../../shared/protocol/review';
import {
  inviteUserBodySchema,
  setRolesBodySchema,
  userListQuerySchema,
} from '../../shared/protocol/users';
import { requirePermission } from '../auth/guards';
import type { AccountAdmin } from '../../platform/users/accountAdmin';
import type { Moderation } from '../../platform/users/moderation';

/**
 * Admins' user management under `/admin/users`: list, invite, roles, block and unblock anyone,
 * password-reset links and sign-in unlocks.
 */
export function adminUserRouter(moderation: Moderation, accounts: AccountAdmin): Router {
  const router = Router();
  const admin = requirePermission('manageUsers');
  const user = (req: Express.Request) => req.user as Express.User;

  router.get('/admin/users', admin, async (req, res) => {
    res.json(await moderation.list(userListQuerySchema.parse(req.query)));
  });

  router.post('/admin/users', admin, async (req, res) => {
    res.status(201).json(await accounts.invite(user(req), inviteUserBodySchema.parse(req.body)));
  });

  router.post('/admin/users/:userId/password-reset', admin, async (req, res) => {
    const { userId } = userIdParamsSchema.parse(req.params);
    const { reason } = blockBodySchema.parse(req.body);
    res.json(await accounts.resetPassword(user(req), userId, reason));
  });

  router.post('/admin/users/:userId/unlock', admin, async (req, res) => {
    const { userId } = userIdParamsSchema.parse(req.params);
    const { reason } = blockBodySchema.parse(req.body);
    res.json({ user: await accounts.unlock(user(req), userId, reason) });
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
