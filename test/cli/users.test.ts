import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords';
import { prepareDatabase } from '../../server/database/prepareModels';
import { userModel } from '../../server/users/userModel';
import { openTestDatabase } from '../setup/testDatabase';
import { runParley } from './runParley';

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase('cli-users');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await db.drop();
});

const env = () => ({ MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name });

describe('parley users', () => {
  it('adds an account with the password from stdin, enforcing the password policy', async () => {
    const weak = await runParley(['users', 'add', 'first-admin', '--role', 'admin'], {
      env: env(),
      input: 'first-admin-pw\n',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/must not contain the username/);
    expect(await userModel(db.connection).countDocuments()).toBe(0);

    const added = await runParley(
      ['users', 'add', 'first-admin', '--role', 'admin', '--role', 'researcher'],
      { env: env(), input: 'a long and private passphrase\n' },
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      username: 'first-admin',
      roles: ['admin', 'researcher'],
    });
    const stored = await userModel(db.connection).findOne({ username: 'first-admin' }).lean();
    expect(await verifyPassword(stored?.passwordHash ?? '', 'a long and private passphrase')).toBe(
      true,
    );

    const again = await runParley(['users', 'add', 'first-admin', '--role', 'worker'], {
      env: env(),
      input: 'another long passphrase\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/taken/);

    const listed = await runParley(['users', 'list'], { env: env() });
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { username: string }),
    ).toEqual([expect.objectContaining({ username: 'first-admin' })]);
  });

  it('refuses an unknown role before touching the database', async () => {
    const run = await runParley(['users', 'add', 'someone', '--role', 'boss'], { env: env() });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown role "boss"/);
  });
});
