import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../platform/config';
import { connectDatabase } from '../../platform/database/connection';
import { readRunningDatabase } from '../../platform/database/embedded/dataDirLock';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import type { DatabaseHandle, DatabaseKind } from '../../platform/database/embedded/types';
import { maskUri } from '../../platform/database/uri';
import { checkDatabase } from '../../platform/health/databaseHealth';
import type { Logger } from '../../platform/logger';
import { commandConfig, commandLogger } from '../cliRuntime';
import { checkChromium, checkEmbeddedDatabaseTools, type Check } from './doctorTools';

const minimumNode = [20, 19] as const;

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check Node, TensorFlow.js, the database, the data directory, Java/Maven (the embedded database) and chromium (the browser tests); print JSON.',
    )
    .action(async () => {
      const config = commandConfig();
      const log = commandLogger(config, 'doctor');
      const report = {
        node: checkNode(),
        tensorflow: await checkTensorflow(),
        database: await checkDatabaseFor(config, log),
        dataDir: checkDataDir(config.dataDir),
        embeddedDatabaseTools: await checkEmbeddedDatabaseTools(config),
        chromium: checkChromium(),
      };
      const healthy = Object.values(report).every(
        (check: Check) => check.ok || check.optional === true,
      );
      console.log(JSON.stringify({ healthy, ...report }, null, 2));
      process.exitCode = healthy ? 0 : 1;
    });
}

function checkNode(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
  return { ok, version: process.versions.node, required: `>=${minimumNode.join('.')}` };
}

async function checkTensorflow(): Promise<Check> {
  try {
    // Loaded here only: TensorFlow.js is heavy and only learning processes need it.
    const { initTensorflow } = await import('../../learning/tensorflowBackend');
    const runtime = await initTensorflow();
    return { ok: true, backend: runtime.backend, version: runtime.tf.version.tfjs };
  } catch (error) {
    return { ok: false, backend: null, error: (error as Error).message };
  }
}

/**
 * Checks the database Parley would use: the one a running Parley serves from the data
 * directory, else MONGODB_URI, else an embedded one started (and stopped) for the check.
 */
async function checkDatabaseFor(config: Config, log: Logger): Promise<Check> {
  const running = config.mongodbUri === undefined ? readRunningDatabase(config.dataDir) : null;
  let handle: DatabaseHandle | null = null;
  let uri: string;
  let kind: DatabaseKind;
  let version: string | null;
  try {
    if (running?.uri !== undefined && running.kind !== undefined) {
      uri = running.uri;
      kind = running.kind;
      version = running.version ?? null;
    } else {
      handle = await startDatabase({
        mongodbUri: config.mongodbUri,
        dataDir: config.dataDir,
        cacheDir: config.cacheDir,
        log,
      });
      uri = handle.uri;
      kind = handle.kind;
      version = handle.version;
    }
  } catch (error) {
    return { ok: false, kind: null, error: (error as Error).message };
  }
  try {
    const connection = await connectDatabase({
      uri,
      dbName: config.dbName,
      log,
      attempts: 1,
      serverSelectionTimeoutMs: 3_000,
    });
    const health = await checkDatabase(connection, { kind, version });
    await connection.close();
    return { ...health, uri: maskUri(uri), startedForCheck: handle !== null };
  } catch (error) {
    return { ok: false, kind, uri: maskUri(uri), error: (error as Error).message };
  } finally {
    await handle?.stop();
  }
}

function checkDataDir(dir: string): Check {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return { ok: true, path: dir };
  } catch (error) {
    return { ok: false, path: dir, error: (error as Error).message };
  }
}
