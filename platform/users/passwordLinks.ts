import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { passwordProblem } from '../../shared/protocol/auth';
import type {
  PasswordLinkLookupView,
  PasswordLinkPurpose,
  PasswordLinkView,
} from '../../shared/protocol/users';
import { hashPassword } from '../auth/passwords';
import { sessionModel } from '../auth/sessionStore';
import { NotFoundError, ValidationError } from '../errors';
import { passwordLinkModel, type PasswordLink } from './passwordLinkModel';
import { userModel, type User } from './userModel';

/** The web app's page that redeems a link; the token travels in the fragment. */
export const passwordLinkPage = '/set-password';

const invalidLink = () =>
  new NotFoundError(
    'This link is not valid: it was used, has expired or was replaced. Ask an admin for a new one.',
  );

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * One-time links that let a person set their own password: invitations for new accounts and
 * password resets. A new link for a user replaces their unused ones; redeeming is single-use.
 */
export function createPasswordLinks(connection: Connection, settings: { lifetimeMs: number }) {
  const links = passwordLinkModel(connection);
  const users = userModel(connection);

  /** A valid (unused, unexpired) link and its user, or a 404. */
  async function valid(token: string, now: Date): Promise<{ link: PasswordLink; user: User }> {
    const link = await links
      .findOne({ tokenHash: hashOf(token), usedAt: null, expiresAt: { $gt: now } })
      .lean<PasswordLink>()
      .exec();
    const user = link === null ? null : await users.findById(link.userId).lean<User>().exec();
    if (link === null || user === null || user.blocked) {
      throw invalidLink();
    }
    return { link, user };
  }

  return {
    async issue(
      userId: string,
      purpose: PasswordLinkPurpose,
      now = new Date(),
    ): Promise<PasswordLinkView> {
      await links.updateMany({ userId, usedAt: null }, { $set: { usedAt: now } });
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + settings.lifetimeMs);
      await links.create({ tokenHash: hashOf(token), userId, purpose, createdAt: now, expiresAt });
      return {
        purpose,
        path: `${passwordLinkPage}#token=${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    },

    async lookup(token: string, now = new Date()): Promise<PasswordLinkLookupView> {
      const { link, user } = await valid(token, now);
      return {
        username: user.username,
        purpose: link.purpose,
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    /**
     * Sets the password and uses the link up (a compare-and-set: of two concurrent redemptions
     * one wins, the other gets the 404). Ends the user's sessions, so a reset signs out everyone
     * who knew the old password.
     */
    async redeem(token: string, password: string, now = new Date()): Promise<User> {
      const { user } = await valid(token, now);
      const problem = passwordProblem(password, user.username);
      if (problem !== null) {
        throw new ValidationError(`Invalid password: ${problem}.`);
      }
      const passwordHash = await hashPassword(password);
      const used = await links
        .findOneAndUpdate(
          { tokenHash: hashOf(token), usedAt: null, expiresAt: { $gt: now } },
          { $set: { usedAt: now } },
        )
        .lean<PasswordLink>()
        .exec();
      if (used === null) {
        throw invalidLink();
      }
      const written = await users
        .findOneAndUpdate({ _id: user._id }, { $set: { passwordHash } }, { new: true })
        .lean<User>()
        .exec();
      if (written === null) {
        throw invalidLink();
      }
      await sessionModel(connection).deleteMany({ userId: user._id.toHexString() });
      return written;
    },
  };
}

export type PasswordLinks = ReturnType<typeof createPasswordLinks>;
