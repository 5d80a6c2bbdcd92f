import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { EmbeddedDatabaseStartError, type DatabaseHandle, type DatabaseLog } from './types';
import { stopChild } from './childLifetime';
import type { JavaLauncher } from './mongoJavaServerBuild';
import type { DatabaseSocket } from './socketPath';

interface ReadyLine {
  ready: true;
  version: string;
}

const startTimeoutMs = 30_000;

/**
 * Starts the embedded mongo-java-server on the Unix domain socket `socket` (never on TCP) and
 * resolves once it accepts connections. The socket's directory must be owner-only
 * (`databaseSocket` in socketPath.ts): that is what keeps other users out.
 */
export function launchMongoJavaServer(options: {
  launcher: JavaLauncher;
  storeFile: string;
  socket: DatabaseSocket;
  log: DatabaseLog;
}): Promise<DatabaseHandle> {
  const child = spawn(
    options.launcher.java,
    [
      // A small heap keeps a 2-core, shared machine comfortable; raise with JAVA_TOOL_OPTIONS.
      '-Xms64m',
      '-XX:+UseSerialGC',
      '-cp',
      options.launcher.classpath,
      'EmbeddedMongoServer',
      options.storeFile,
      options.socket.path,
    ],
    // stdin stays open as a pipe: the launcher exits when it closes (EmbeddedMongoServer.java).
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new EmbeddedDatabaseStartError(
          `the embedded database did not start within ${startTimeoutMs} ms.`,
        ),
      );
    }, startTimeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() !== '') {
          options.log.warn(`embedded database: ${line}`);
        }
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new EmbeddedDatabaseStartError(`Could not run ${options.launcher.java}: ${error.message}`),
      );
    });
    let ready = false;
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (ready) {
        if (!child.stdin.writableEnded) {
          options.log.warn(
            `the embedded database exited unexpectedly (${signal ?? `code ${code}`}).`,
          );
        }
        return;
      }
      reject(
        new EmbeddedDatabaseStartError(
          `the embedded database exited (${signal ?? `code ${code}`}) before it was ready:\n${stderr.trim()}`,
        ),
      );
    });
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const readyLine = parseReady(line);
      if (readyLine === null) {
        child.kill('SIGKILL');
        reject(
          new EmbeddedDatabaseStartError(`Unexpected output from the embedded database: ${line}`),
        );
        return;
      }
      ready = true;
      resolve(handleFor(child, readyLine, options.storeFile, options.socket.uri));
    });
  });
}

function handleFor(
  child: ChildProcessWithoutNullStreams,
  ready: ReadyLine,
  dataDir: string,
  uri: string,
): DatabaseHandle {
  return {
    kind: 'mongo-java-server',
    version: ready.version,
    uri,
    dataDir,
    pid: child.pid ?? null,
    // Closing stdin asks the launcher to shut down cleanly (the store committed and closed).
    stop: () => stopChild(child, () => child.stdin.end()),
  };
}

function parseReady(line: string): ReadyLine | null {
  try {
    const value = JSON.parse(line) as Partial<ReadyLine>;
    return value.ready === true ? { ready: true, version: String(value.version) } : null;
  } catch {
    return null;
  }
}
