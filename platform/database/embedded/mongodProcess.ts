import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { stopChild } from './childLifetime';
import { findOnPath, runCommand } from './executables';
import { EmbeddedDatabaseStartError, type DatabaseHandle, type DatabaseLog } from './types';

const startTimeoutMs = 60_000;

/** Starts a local `mongod` on loopback and resolves once it accepts connections. */
export async function launchMongod(options: {
  mongod: string;
  dbPath: string;
  port: number;
  log: DatabaseLog;
}): Promise<DatabaseHandle> {
  fs.mkdirSync(options.dbPath, { recursive: true });
  const version = await mongodVersion(options.mongod);
  const args = [
    '--dbpath',
    options.dbPath,
    '--bind_ip',
    '127.0.0.1',
    '--port',
    String(options.port),
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
  await Promise.race([waitForPort(options.port, startTimeoutMs), exited]);
  return {
    kind: 'mongod',
    version,
    uri: `mongodb://127.0.0.1:${options.port}/`,
    dataDir: options.dbPath,
    pid: child.pid ?? null,
    stop: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

async function mongodVersion(mongod: string): Promise<string> {
  const { stdout } = await runCommand(mongod, ['--version']);
  return /db version (v[\d.]+)/.exec(stdout)?.[1] ?? 'unknown';
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new EmbeddedDatabaseStartError(
    `mongod did not listen on port ${port} within ${timeoutMs} ms.`,
  );
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
