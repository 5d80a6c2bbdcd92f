import { Router } from 'express';
import type { Connection } from 'mongoose';
import { createTokenBodySchema, tokenIdParamsSchema } from '../../shared/protocol/auth';
import { ForbiddenError } from '../../platform/errors';
import { createApiToken, listApiTokens, revokeApiToken } from '../../platform/auth/apiTokens';
import { requirePermission } from './guards';

/**
 * API tokens for researchers' scripts: `POST /auth/tokens` (the secret is answered once),
 * `GET /auth/tokens`, `DELETE /auth/tokens/:tokenId`. Only a signed-in session may create
 * tokens, so that a leaked token cannot mint more.
 */
export function tokenRouter(connection: Connection): Router {
  const router = Router();
  const allowed = requirePermission('manageApiTokens');

  router.post('/auth/tokens', allowed, async (req, res) => {
    if (req.authMethod === 'token') {
      throw new ForbiddenError('Create API tokens from a signed-in session, not with a token.');
    }
    const body = createTokenBodySchema.parse(req.body);
    const user = req.user as Express.User;
    res.status(201).json({ token: await createApiToken(connection, { userId: user.id, ...body }) });
  });

  router.get('/auth/tokens', allowed, async (req, res) => {
    const user = req.user as Express.User;
    res.json({ tokens: await listApiTokens(connection, user.id) });
  });

  router.delete('/auth/tokens/:tokenId', allowed, async (req, res) => {
    const { tokenId } = tokenIdParamsSchema.parse(req.params);
    await revokeApiToken(connection, (req.user as Express.User).id, tokenId);
    res.status(204).end();
  });

  return router;
}
