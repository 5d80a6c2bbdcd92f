import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath, runCommand } from './executables';
import { EmbeddedDatabaseUnavailableError, type DatabaseLog } from './types';

export const MONGO_JAVA_SERVER_VERSION = '1.47.0';

const launcherDir = fileURLToPath(new URL('../mongo-java-server/', import.meta.url));
const launcherFiles = ['EmbeddedMongoServer.java', 'pom.xml'];

export interface JavaLauncher {
  java: string;
  /** `-cp` value: the compiled launcher and its dependency jars. */
  classpath: string;
}

/**
 * The compiled embedded-database launcher, building it first if needed: Maven resolves the
 * mongo-java-server jars from Maven Central once, javac compiles the launcher. The cache key
 * covers the launcher's sources. Each build happens in a private directory that is renamed
 * into place, so concurrent first runs never see a half-built launcher.
 */
export async function ensureMongoJavaServer(
  cacheDir: string,
  log: DatabaseLog,
): Promise<JavaLauncher> {
  const tools = { java: findOnPath('java'), javac: findOnPath('javac'), mvn: findOnPath('mvn') };
  if (tools.java === null || tools.javac === null || tools.mvn === null) {
    const missing = Object.entries(tools)
      .filter(([, p]) => p === null)
      .map(([name]) => name);
    throw new EmbeddedDatabaseUnavailableError(
      `${missing.join(', ')} not on PATH.\n${unavailableMessage()}`,
    );
  }
  const target = path.join(
    cacheDir,
    `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}-${launcherFingerprint()}`,
  );
  const launcher = {
    java: tools.java,
    classpath: `${path.join(target, 'classes')}${path.delimiter}${path.join(target, 'lib', '*')}`,
  };
  if (fs.existsSync(path.join(target, 'classes', 'EmbeddedMongoServer.class'))) {
    return launcher;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  log.info(
    `Preparing the embedded database (mongo-java-server ${MONGO_JAVA_SERVER_VERSION}, H2 file backend): ` +
      `Maven fetches its jars once and javac compiles the launcher; cached in ${cacheDir}.`,
  );
  const started = Date.now();
  try {
    await runCommand(tools.mvn, [
      '--batch-mode',
      '--quiet',
      '--file',
      path.join(launcherDir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${path.join(partial, 'lib')}`,
    ]);
    await runCommand(tools.javac, [
      '--release',
      '17',
      '-cp',
      path.join(partial, 'lib', '*'),
      '-d',
      path.join(partial, 'classes'),
      path.join(launcherDir, 'EmbeddedMongoServer.java'),
    ]);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new EmbeddedDatabaseUnavailableError(
      `Preparing the embedded database failed: ${(error as Error).message}\n\n${unavailableMessage()}`,
    );
  }
  log.info(`Prepared the embedded database in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return launcher;
}

function launcherFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of launcherFiles) {
    hash.update(fs.readFileSync(path.join(launcherDir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export function unavailableMessage(): string {
  return [
    'Parley needs a MongoDB-compatible database and could not start one. Any of these works:',
    '  - set MONGODB_URI to a MongoDB deployment (e.g. mongodb://localhost:27017)',
    '  - install MongoDB so that `mongod` is on PATH',
    '  - install Java 17+ and Maven (Debian: apt-get install openjdk-17-jdk-headless maven) so that',
    `    Parley can run its embedded mongo-java-server ${MONGO_JAVA_SERVER_VERSION}; Maven Central must be reachable once.`,
  ].join('\n');
}
