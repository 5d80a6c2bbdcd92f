import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stopChild } from './childLifetime';
import { findOnPath, runCommand } from './executables';
import type { DatabaseSocket } from './socketPath';
import { EmbeddedDatabaseStartError, type DatabaseHandle, type DatabaseLog } from './types';

const startTimeoutMs = 60_000;

/**
 * Starts a local `mongod` listening only on the Unix domain socket `socket` (no TCP) and
 * resolves once it accepts connections. The socket's directory must be owner-only
 * (`databaseSocket` in socketPath.ts). Not verified against a real mongod in Parley's tests
 * (see README.md beside this file).
 */
export async function launchMongod(options: {
  mongod: string;
  dbPath: string;
  socket: DatabaseSocket;
  log: DatabaseLog;
}): Promise<DatabaseHandle> {
  fs.mkdirSync(options.dbPath, { recursive: true });
  const version = await mongodVersion(options.mongod);
  const args = [
    '--dbpath',
    options.dbPath,
    // A socket path as the only bind address: mongod listens on it and on no TCP address.
    '--bind_ip',
    options.socket.path,
    // mongod also opens its default socket (mongodb-<port>.sock); keep that one owner-only too.
    '--unixSocketPrefix',
    path.dirname(options.socket.path),
    '--filePermissions',
    '0700',
    // No TCP listener: the port only names that default socket.
    '--port',
    '27017',
  ];
  // The kernel sends SIGTERM to mongod if Parley dies, so it never outlives us.
  const setpriv = findOnPath('setpriv');
  const child =
    setpriv === null
      ? spawn(options.mongod, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(setpriv, ['--pdeathsig', 'TERM', '--', options.mongod, ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
  if (setpriv === null) {
    options.log.warn('setpriv not found: mongod may outlive Parley if Parley is killed.');
  }
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new EmbeddedDatabaseStartError(`mongod exited (code ${code}):\n${stderr.trim()}`)),
    ),
  );
  await Promise.race([waitForSocket(options.socket.path, startTimeoutMs), exited]);
  return {
    kind: 'mongod',
    version,
    uri: options.socket.uri,
    dataDir: options.dbPath,
    pid: child.pid ?? null,
    stop: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

async function mongodVersion(mongod: string): Promise<string> {
  const { stdout } = await runCommand(mongod, ['--version']);
  return /db version (v[\d.]+)/.exec(stdout)?.[1] ?? 'unknown';
}

async function waitForSocket(socketPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(socketPath)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new EmbeddedDatabaseStartError(
    `mongod did not listen on ${socketPath} within ${timeoutMs} ms.`,
  );
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
