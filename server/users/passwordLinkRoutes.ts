import { Router, type RequestHandler } from 'express';
import { userRoutes } from '../../shared/contracts/userRoutes';
import type { LoginLockout } from '../../platform/security/loginLockout';
import type { PasswordLinks } from '../../platform/users/passwordLinks';
import { serve } from '../http/serve';

/**
 * The public side of one-time password links (invitations, resets). The token travels in the
 * request body, never in a URL, so it stays out of request logs and Referer headers.
 */
export function passwordLinkRouter(
  links: PasswordLinks,
  lockout: Pick<LoginLockout, 'unlock'>,
  rateLimit: RequestHandler,
): Router {
  const router = Router();
  serve(
    router,
    userRoutes.lookupLink,
    async (input) => ({
      link: await links.lookup(input.body.token),
    }),
    { before: [rateLimit] },
  );
  serve(
    router,
    userRoutes.redeemLink,
    async (input) => {
      const user = await links.redeem(input.body.token, input.body.password);
      // A new password is a fresh start: failed guesses at the old one no longer count.
      await lockout.unlock(user.username);
      return { username: user.username };
    },
    { before: [rateLimit] },
  );
  return router;
}
