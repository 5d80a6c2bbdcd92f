import { Router, type RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { authRoutes } from '../../shared/contracts/authRoutes';
import { ForbiddenError } from '../../platform/errors';
import { createApiToken, listApiTokens, revokeApiToken } from '../../platform/auth/apiTokens';
import { callerOf, serve } from '../http/serve';
import type { SocketRevocation } from '../sockets/revocation';

/** Only a signed-in session may create tokens, so that a leaked token cannot mint more. */
const fromSession: RequestHandler = (req, _res, next) => {
  if (req.authMethod === 'token') {
    throw new ForbiddenError('Create API tokens from a signed-in session, not with a token.');
  }
  next();
};

/**
 * API tokens for researchers' scripts (`shared/contracts/authRoutes.ts`): `POST /auth/tokens`
 * (the secret is answered once), `GET /auth/tokens`, `DELETE /auth/tokens/:tokenId`. Only a
 * signed-in session may create tokens, so that a leaked token cannot mint more. Deleting a token
 * ends the sockets opened with it.
 */
export function tokenRouter(
  connection: Connection,
  revocation: Pick<SocketRevocation, 'token'>,
): Router {
  const router = Router();

  serve(
    router,
    authRoutes.createToken,
    async (input) => ({
      token: await createApiToken(connection, { userId: callerOf(input).id, ...input.body }),
    }),
    { after: [fromSession] },
  );

  serve(router, authRoutes.listTokens, async (input) => ({
    tokens: await listApiTokens(connection, callerOf(input).id),
  }));

  serve(router, authRoutes.revokeToken, async (input) => {
    await revokeApiToken(connection, callerOf(input).id, input.params.tokenId);
    revocation.token(input.params.tokenId);
  });

  return router;
}
