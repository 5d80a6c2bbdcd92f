import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import { connectDatabase } from '../../platform/database/connection';
import { readRunningDatabase } from '../../platform/database/embedded/dataDirLock';
import { maxSocketPathBytes } from '../../platform/database/embedded/socketPath';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import type { DatabaseHandle } from '../../platform/database/embedded/types';
import { createLogger } from '../../platform/logger';
import { runParley } from '../cli/runParley';

// Who may reach the embedded database: its own server (never MONGODB_URI), on a fresh data dir.
const quietLog = { info: () => {}, warn: () => {} };
const log = createLogger('silent');
const dirs: string[] = [];

function tempDataDir(prefix = 'parley-access-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function start(dataDir: string): Promise<DatabaseHandle> {
  return startDatabase({
    dataDir,
    cacheDir: loadConfig().cacheDir,
    prefer: 'mongo-java-server',
    log: quietLog,
  });
}

/** The socket path of a `mongodb://%2F…sock/` URI. */
function socketOf(uri: string): string {
  const host = /^mongodb:\/\/([^/?]+)/.exec(uri)?.[1] ?? '';
  return decodeURIComponent(host);
}

/** Inodes of the sockets a process holds open (Linux /proc). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match !== null) {
        inodes.add(match[1]!);
      }
    } catch {
      // the descriptor closed meanwhile
    }
  }
  return inodes;
}

/** Inodes of every listening TCP socket on the machine (IPv4 and IPv6). */
function tcpListenerInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = fs.existsSync(table) ? fs.readFileSync(table, 'utf8').split('\n').slice(1) : [];
    for (const row of rows) {
      const columns = row.trim().split(/\s+/);
      // columns: sl local_address rem_address st … inode; st 0A is LISTEN
      if (columns[3] === '0A') {
        inodes.add(columns[9]!);
      }
    }
  }
  return inodes;
}

/** Tries to connect to a Unix socket as another user (uid/gid 65534, "nobody"): the errno. */
function connectAsNobody(socketPath: string): string {
  const probe = `
    const socket = require('node:net').connect(process.argv[1]);
    socket.once('connect', () => { console.log('connected'); socket.destroy(); });
    socket.once('error', (error) => console.log(error.code));`;
  const run = spawnSync(process.execPath, ['-e', probe, socketPath], {
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
    timeout: 15_000,
  });
  return `${run.stdout}${run.stderr}`.trim();
}

afterAll(() => {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the embedded database is reachable only by its owner', () => {
  let dataDir: string;
  let database: DatabaseHandle;

  beforeAll(async () => {
    dataDir = tempDataDir();
    // Open the data directory itself to everyone: only the server's own directory keeps them out.
    fs.chmodSync(dataDir, 0o755);
    database = await start(dataDir);
  });
  afterAll(() => database.stop());

  it('listens on a Unix socket inside the data directory, not on TCP', () => {
    const socket = socketOf(database.uri);
    expect(socket).toBe(path.join(dataDir, 'mongo-java-server', 'db.sock'));
    expect(fs.statSync(socket).isSocket()).toBe(true);
    if (process.platform === 'linux') {
      const held = socketInodes(database.pid!);
      expect(held.size).toBeGreaterThan(0);
      const tcp = [...tcpListenerInodes()].filter((inode) => held.has(inode));
      expect(tcp).toEqual([]);
    }
  });

  it('keeps the socket and the database files in an owner-only directory', () => {
    const socket = socketOf(database.uri);
    expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(socket).mode & 0o077).toBe(0);
    expect(fs.existsSync(path.join(path.dirname(socket), 'parley.mv'))).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('refuses another local user (EACCES)', () => {
    // Root passes every permission check, so the probe runs as "nobody".
    const socket = socketOf(database.uri);
    expect(connectAsNobody(socket)).toBe('EACCES');
    // Control: with the modes opened up, the same probe gets through, so the modes are the lock.
    fs.chmodSync(path.dirname(socket), 0o711);
    fs.chmodSync(socket, 0o666);
    try {
      expect(connectAsNobody(socket)).toBe('connected');
    } finally {
      fs.chmodSync(socket, 0o600);
      fs.chmodSync(path.dirname(socket), 0o700);
    }
  });

  it('serves Parley, and commands find it through the lock file', async () => {
    const running = readRunningDatabase(dataDir);
    expect(running).toMatchObject({ kind: 'mongo-java-server', uri: database.uri });
    const connection = await connectDatabase({ uri: running!.uri!, dbName: 'access', log });
    await connection.collection('notes').insertOne({ n: 1 });
    expect(await connection.collection('notes').countDocuments()).toBe(1);
    await connection.close();

    // `parley doctor` reads the same lock file and checks the database it names.
    const doctor = await runParley(['doctor'], {
      env: { MONGODB_URI: '', PARLEY_DATA_DIR: dataDir },
    });
    const report = JSON.parse(doctor.stdout) as {
      database: { ok: boolean; kind: string; startedForCheck: boolean };
    };
    expect(report.database).toMatchObject({
      ok: true,
      kind: 'mongo-java-server',
      startedForCheck: false,
    });
  });

  it('moves the socket to an owner-only temporary directory when the data path is too long', async () => {
    const longDir = path.join(tempDataDir(), 'd'.repeat(maxSocketPathBytes));
    const handle = await start(longDir);
    const socket = socketOf(handle.uri);
    try {
      expect(path.dirname(path.dirname(socket))).toBe(os.tmpdir());
      expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
      const connection = await connectDatabase({ uri: handle.uri, dbName: 'long', log });
      await connection.collection('notes').insertOne({ n: 1 });
      await connection.close();
      // The store stays in the (owner-only) data directory.
      expect(fs.existsSync(path.join(longDir, 'mongo-java-server', 'parley.mv'))).toBe(true);
    } finally {
      await handle.stop();
    }
    expect(fs.existsSync(path.dirname(socket))).toBe(false);
  });
});
