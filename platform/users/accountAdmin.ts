import type { Connection } from 'mongoose';
import type { AdminUserView, InviteUserBody, UserWithLinkView } from '../../shared/protocol/users';
import type { SessionUser } from '../auth/sessionUser';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import { recordAudit } from '../review/auditLog';
import type { LoginLockout } from '../security/loginLockout';
import type { PasswordLinks } from './passwordLinks';
import { userModel, type User } from './userModel';

const duplicateKey = 11000;

/**
 * Admins' account work in the web app: invite a new account (a one-time link to set its own
 * password), send a password-reset link, and lift a sign-in lock. Each is audited. Admins never
 * see or choose anyone's password.
 */
export function createAccountAdmin(
  connection: Connection,
  deps: {
    links: PasswordLinks;
    lockout: LoginLockout;
    present: (user: User) => Promise<AdminUserView>;
  },
) {
  const users = userModel(connection);

  async function find(userId: string): Promise<User> {
    const user = await users.findById(userId).lean<User>().exec();
    if (user === null) {
      throw new NotFoundError(`No user ${userId}.`);
    }
    return user;
  }

  async function invite(actor: SessionUser, body: InviteUserBody): Promise<UserWithLinkView> {
    let created: User;
    try {
      created = (
        await users.create({ username: body.username, passwordHash: null, roles: body.roles })
      ).toObject();
    } catch (error) {
      if ((error as { code?: unknown }).code === duplicateKey) {
        throw new ConflictError(`The username ${body.username} is taken.`);
      }
      throw error;
    }
    const id = created._id.toHexString();
    const link = await deps.links.issue(id, 'invitation');
    await recordAudit(connection, actor, {
      action: 'user.invite',
      targetType: 'user',
      targetId: id,
      reason: '',
      details: { username: created.username, roles: body.roles },
    });
    return { user: await deps.present(created), link };
  }

  /**
   * A one-time link to choose a new password (an invited user who lost theirs gets a fresh
   * invitation). The old password keeps working until the link is used.
   */
  async function resetPassword(
    actor: SessionUser,
    userId: string,
    reason: string,
  ): Promise<UserWithLinkView> {
    const user = await find(userId);
    if ((user.study ?? null) !== null) {
      throw new BadRequestError(
        'Study workers have no password: they enter through their study link.',
      );
    }
    const invited = (user.passwordHash ?? null) === null;
    const link = await deps.links.issue(userId, invited ? 'invitation' : 'reset');
    await recordAudit(connection, actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      reason,
      details: { username: user.username },
    });
    return { user: await deps.present(user), link };
  }

  async function unlock(actor: SessionUser, userId: string, reason: string) {
    const user = await find(userId);
    if ((await deps.lockout.lockedFor(user.username)) === 0) {
      throw new ConflictError('The account is not locked.');
    }
    await deps.lockout.unlock(user.username);
    await recordAudit(connection, actor, {
      action: 'user.unlock',
      targetType: 'user',
      targetId: userId,
      reason,
      details: { username: user.username },
    });
    return deps.present(user);
  }

  return { invite, resetPassword, unlock };
}

export type AccountAdmin = ReturnType<typeof createAccountAdmin>;
