import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '../../platform/auth/passwords';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { userModel } from '../../platform/users/userModel';
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

const bin = path.resolve(import.meta.dirname, '../../bin/parley.js');

describe('parley users | head', () => {
  it('exits quietly when the reader closes the pipe early (no EPIPE stack trace)', async () => {
    // Far more output than a pipe buffers, so the command is still writing when head exits.
    await userModel(db.connection).insertMany(
      Array.from({ length: 3000 }, (_, i) => ({
        username: `piped-${String(i).padStart(4, '0')}`,
        passwordHash: null,
        roles: ['worker'],
      })),
    );
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          'bash',
          ['-c', 'set -o pipefail; node "$PARLEY_BIN" users list | head -n 2'],
          {
            env: { ...process.env, ...env(), PARLEY_BIN: bin, LOG_LEVEL: 'warn' },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('parley users without MONGODB_URI', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-users-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const embedded = { MONGODB_URI: '', PARLEY_DATA_DIR: dataDir };

  it('says what to do when no Parley is running', async () => {
    const run = await runParley(['users', 'list'], { env: embedded });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No database is running for the data directory/);
    expect(run.stderr).toMatch(/parley start/);
    expect(run.stderr).toMatch(/MONGODB_URI/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('finds the embedded database of a running `parley start` by itself', async () => {
    const child = spawn(process.execPath, [bin, 'start'], {
      env: {
        ...process.env,
        ...embedded,
        PORT: '0',
        PARLEY_WORKERS: '0',
        PARLEY_DEMO: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout });
        lines.on('line', (line) => {
          if (line.includes('Parley is running at')) {
            resolve();
          }
        });
        void exited.then((code) => reject(new Error(`parley start exited early (${code})`)));
      });
      // Only its owner may read the file that names the database.
      expect(fs.statSync(path.join(dataDir, 'parley.lock')).mode & 0o777).toBe(0o600);

      const added = await runParley(['users', 'add', 'boss', '--role', 'admin'], {
        env: embedded,
        input: 'a long and private passphrase\n',
      });
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const listed = await runParley(['users', 'list'], { env: embedded });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout.trim())).toMatchObject({ username: 'boss' });
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  });
});
