import { Router, type RequestHandler } from 'express';
import {
  passwordLinkLookupBodySchema,
  passwordLinkRedeemBodySchema,
} from '../../shared/protocol/users';
import type { LoginLockout } from '../../platform/security/loginLockout';
import type { PasswordLinks } from '../../platform/users/passwordLinks';

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

  router.post('/password-links/lookup', rateLimit, async (req, res) => {
    const { token } = passwordLinkLookupBodySchema.parse(req.body);
    res.json({ link: await links.lookup(token) });
  });

  router.post('/password-links/redeem', rateLimit, async (req, res) => {
    const { token, password } = passwordLinkRedeemBodySchema.parse(req.body);
    const user = await links.redeem(token, password);
    // A new password is a fresh start: failed guesses at the old one no longer count.
    await lockout.unlock(user.username);
    res.json({ username: user.username });
  });

  return router;
}
