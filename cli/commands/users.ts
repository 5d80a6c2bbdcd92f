import { InvalidArgumentError, type Command } from 'commander';
import { isRole, type Role } from '../../shared/protocol/roles';
import { addAccount } from '../../platform/users/accounts';
import { userModel } from '../../platform/users/userModel';
import { presentUser } from '../../platform/users/userPresenter';
import { readLines } from '../lineFiles';
import { withPlatformDatabase } from '../platformDatabase';

/**
 * `parley users add | list`: accounts from the operator's shell — how the first admin of a
 * production deployment (no demo accounts there) comes to exist.
 */
export function registerUsersCommand(program: Command): void {
  const users = program
    .command('users')
    .description(
      'Add and list accounts in the platform database: MONGODB_URI, or the embedded one of a running `parley start`.',
    );

  users
    .command('add <username>')
    .description(
      'Add an account; the password is read from the first line of stdin (never an argument, so it stays out of shell history).',
    )
    .requiredOption('--role <role...>', 'worker, reviewer, researcher and/or admin', roleList)
    .action((username: string, options: { role: Role[] }) =>
      withPlatformDatabase('users', async (connection) => {
        let password = '';
        for await (const line of readLines('-')) {
          password = line;
          break;
        }
        const user = await addAccount(connection, { username, password, roles: options.role });
        console.log(JSON.stringify(presentUser(user)));
      }),
    );

  users
    .command('list')
    .description('Every account with a password (not study workers) as JSON lines.')
    .action(() =>
      withPlatformDatabase('users', async (connection) => {
        const found = await userModel(connection)
          .find({ study: null })
          .sort({ username: 1 })
          .lean();
        for (const user of found) {
          console.log(JSON.stringify(presentUser(user)));
        }
      }),
    );
}

function roleList(value: string, previous: Role[] = []): Role[] {
  if (!isRole(value)) {
    throw new InvalidArgumentError(`unknown role "${value}"`);
  }
  return [...previous, value];
}
