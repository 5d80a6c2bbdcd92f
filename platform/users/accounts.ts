import type { Connection } from 'mongoose';
import { passwordProblem, usernameSchema } from '../../shared/protocol/auth';
import type { Role } from '../../shared/protocol/roles';
import { ConflictError, ValidationError } from '../errors';
import type { User } from './userModel';
import { createUser } from './userService';

const duplicateKey = 11000;

/**
 * A new account with a password people chose: the username's format and the password policy
 * (shared/protocol/auth.ts) are checked here, so every way of adding accounts enforces them.
 */
export async function addAccount(
  connection: Connection,
  input: { username: string; password: string; roles: Role[] },
): Promise<User> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) {
    throw new ValidationError(`Invalid username: ${username.error.issues[0]?.message ?? ''}`);
  }
  const problem = passwordProblem(input.password, username.data);
  if (problem !== null) {
    throw new ValidationError(`Invalid password: ${problem}.`);
  }
  if (input.roles.length === 0) {
    throw new ValidationError('An account needs at least one role.');
  }
  try {
    return await createUser(connection, { ...input, username: username.data });
  } catch (error) {
    if ((error as { code?: unknown }).code === duplicateKey) {
      throw new ConflictError(`The username ${username.data} is taken.`);
    }
    throw error;
  }
}
