import type { Connection } from 'mongoose';
import type { Page } from '../../shared/protocol/review';
import { can, type Role } from '../../shared/protocol/roles';
import type { AdminUserView, UserListQuery } from '../../shared/protocol/users';
import type { SessionUser } from '../auth/sessionUser';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { recordAudit } from '../review/auditLog';
import { lockoutKey, type LoginLockout } from '../security/loginLockout';
import { presentAdminUser } from './userPresenter';
import { userModel, type User } from './userModel';

/**
 * What happens to a user's live presence when they are blocked or their roles change: their
 * `/annotate` sockets are cut at once and their active lease is given back to the queue.
 * The platform wires it to Socket.IO and the annotation service (server/platform.ts).
 */
export interface WorkerControl {
  /** Cuts every open `/annotate` socket of the user. */
  disconnect(userId: string): void;
  /** Ends the user's active lease (the task goes back to the queue). */
  releaseLeases(userId: string): Promise<void>;
}

export const noWorkerControl: WorkerControl = {
  disconnect: () => undefined,
  releaseLeases: () => Promise.resolve(),
};

/** Blocking, unblocking and role changes (each written to the audit log), and the user list. */
export function createModeration(
  connection: Connection,
  control: WorkerControl,
  lockout: Pick<LoginLockout, 'lockedAmong'>,
) {
  const users = userModel(connection);

  /** Users as admins see them, with their sign-in locks. */
  async function present(found: User[]): Promise<AdminUserView[]> {
    const locks = await lockout.lockedAmong(found.map((user) => user.username));
    return found.map((user) =>
      presentAdminUser(user, locks.get(lockoutKey(user.username)) ?? null),
    );
  }
  const presentOne = async (user: User) => (await present([user]))[0] as AdminUserView;

  async function target(actor: SessionUser, userId: string): Promise<User> {
    const user = await users.findById(userId).lean<User>().exec();
    if (user === null) {
      throw new NotFoundError(`No user ${userId}.`);
    }
    if (user._id.toHexString() === actor.id) {
      throw new ForbiddenError('You may not do this to your own account.');
    }
    // Reviewers moderate crowd workers; other accounts are the admins' to manage.
    if (!can(actor.roles, 'manageUsers') && user.roles.some((role) => role !== 'worker')) {
      throw new ForbiddenError('Only admins may block accounts other than workers.');
    }
    return user;
  }

  /**
   * Blocks the user: a compare-and-set on `blocked` (a 409 if already blocked), then their
   * sockets are cut and their lease released. Sign-in, sessions, API tokens and socket
   * handshakes all refuse a blocked user from this write on.
   */
  async function setBlocked(
    actor: SessionUser,
    userId: string,
    blocked: boolean,
    reason: string,
  ): Promise<AdminUserView> {
    const user = await target(actor, userId);
    const written = await users
      .findOneAndUpdate({ _id: user._id, blocked: !blocked }, { $set: { blocked } }, { new: true })
      .lean<User>()
      .exec();
    if (written === null) {
      throw new ConflictError(
        blocked ? 'The user is already blocked.' : 'The user is not blocked.',
      );
    }
    await recordAudit(connection, actor, {
      action: blocked ? 'user.block' : 'user.unblock',
      targetType: 'user',
      targetId: userId,
      reason,
      details: { username: user.username },
    });
    if (blocked) {
      control.disconnect(userId);
      await control.releaseLeases(userId);
    }
    return presentOne(written);
  }

  async function setRoles(
    actor: SessionUser,
    userId: string,
    roles: Role[],
    reason: string,
  ): Promise<AdminUserView> {
    const user = await users.findById(userId).lean<User>().exec();
    if (user === null) {
      throw new NotFoundError(`No user ${userId}.`);
    }
    if (userId === actor.id && !roles.includes('admin')) {
      throw new BadRequestError('You may not remove your own admin role.');
    }
    const written = await users
      .findOneAndUpdate({ _id: user._id }, { $set: { roles } }, { new: true })
      .lean<User>()
      .exec();
    if (written === null) {
      throw new NotFoundError(`No user ${userId}.`);
    }
    await recordAudit(connection, actor, {
      action: 'user.roles',
      targetType: 'user',
      targetId: userId,
      reason,
      details: { from: [...user.roles], to: roles },
    });
    // Open sockets carry the roles they connected with: cut them so they reconnect anew.
    control.disconnect(userId);
    return presentOne(written);
  }

  async function list(query: UserListQuery): Promise<Page<AdminUserView>> {
    const filter: Record<string, unknown> = {};
    if (query.role !== undefined) {
      filter.roles = query.role;
    }
    if (query.blocked !== undefined) {
      filter.blocked = query.blocked;
    }
    if (query.search !== undefined) {
      filter.username = { $regex: query.search.replace(/[.]/g, '\\.'), $options: 'i' };
    }
    const [found, total] = await Promise.all([
      users
        .find(filter)
        .sort({ createdAt: 1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<User[]>()
        .exec(),
      users.countDocuments(filter).exec(),
    ]);
    return {
      items: await present(found),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  return { setBlocked, setRoles, list, present: presentOne };
}

export type Moderation = ReturnType<typeof createModeration>;
