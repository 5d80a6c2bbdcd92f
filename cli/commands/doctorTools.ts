import fs from 'node:fs';
import type { Config } from '../../platform/config';
import { findOnPath, runCommand } from '../../platform/database/embedded/executables';

/** A check of doctor's report; `optional` ones inform but never make it unhealthy. */
export interface Check {
  ok: boolean;
  optional?: boolean;
  [detail: string]: unknown;
}

const minimumJava = 17;

async function firstLine(command: string, args: string[]): Promise<string | null> {
  try {
    const { stdout, stderr } = await runCommand(command, args, {
      env: { ...process.env, MAVEN_OPTS: '', NO_COLOR: '1', TERM: 'dumb' },
    });
    // `java -version` writes to stderr; ANSI colours (Maven's) are no part of a version.
    const text = `${stdout}\n${stderr}`.replace(
      new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'),
      '',
    );
    return text.split('\n').find((line) => line.trim() !== '') ?? null;
  } catch {
    return null;
  }
}

/**
 * Java ≥ 17, javac and Maven: what the embedded database (mongo-java-server) is built and run
 * with. Required only when Parley would start it: no MONGODB_URI and no `mongod` on PATH.
 */
export async function checkEmbeddedDatabaseTools(config: Config): Promise<Check> {
  const required = config.mongodbUri === undefined && findOnPath('mongod') === null;
  const java = findOnPath('java');
  const javac = findOnPath('javac');
  const mvn = findOnPath('mvn');
  const javaVersion = java === null ? null : await firstLine(java, ['-version']);
  const major = Number(/version "(\d+)/.exec(javaVersion ?? '')?.[1] ?? NaN);
  const mavenVersion = mvn === null ? null : await firstLine(mvn, ['-v']);
  const ok = javac !== null && major >= minimumJava && mavenVersion !== null;
  return {
    ok,
    optional: !required,
    neededFor: required
      ? 'the embedded database (no MONGODB_URI, no mongod on PATH)'
      : 'the embedded database, which this configuration does not use',
    java: { path: java, version: javaVersion, required: `>=${minimumJava}` },
    javac: { path: javac },
    maven: { path: mvn, version: mavenVersion },
    ...(ok
      ? {}
      : { fix: 'apt-get install openjdk-17-jdk-headless maven (Debian), or set MONGODB_URI' }),
  };
}

/** Debian's chromium, which the browser tests of `npm test` drive (test/e2e/). */
export function checkChromium(): Check {
  const path = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
  const ok = fs.existsSync(path);
  return {
    ok,
    optional: true,
    neededFor: 'the browser tests of npm test (test/e2e/)',
    path,
    ...(ok
      ? {}
      : { fix: 'apt-get install chromium (Debian), or set PARLEY_CHROMIUM to a chromium' }),
  };
}
