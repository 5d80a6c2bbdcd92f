import { Router } from 'express';
import { userRoutes } from '../../shared/contracts/userRoutes';
import type { AccountAdmin } from '../../platform/users/accountAdmin';
import type { Moderation } from '../../platform/users/moderation';
import { callerOf, serve } from '../http/serve';

/**
 * Admins' user management (`shared/contracts/userRoutes.ts`): list, invite, roles, block and
 * unblock anyone, password-reset links and sign-in unlocks.
 */
export function adminUserRouter(moderation: Moderation, accounts: AccountAdmin): Router {
  const router = Router();
  serve(router, userRoutes.list, async (input) => moderation.list(input.query));
  serve(router, userRoutes.invite, async (input) => accounts.invite(callerOf(input), input.body));
  serve(router, userRoutes.passwordReset, async (input) =>
    accounts.resetPassword(callerOf(input), input.params.userId, input.body.reason),
  );
  serve(router, userRoutes.unlock, async (input) => ({
    user: await accounts.unlock(callerOf(input), input.params.userId, input.body.reason),
  }));
  serve(router, userRoutes.setRoles, async (input) => ({
    user: await moderation.setRoles(
      callerOf(input),
      input.params.userId,
      input.body.roles,
      input.body.reason,
    ),
  }));
  for (const [contract, blocked] of [
    [userRoutes.block, true],
    [userRoutes.unblock, false],
  ] as const) {
    serve(router, contract, async (input) => ({
      user: await moderation.setBlocked(
        callerOf(input),
        input.params.userId,
        blocked,
        input.body.reason,
      ),
    }));
  }
  return router;
}
