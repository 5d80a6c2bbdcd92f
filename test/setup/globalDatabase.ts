import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../platform/config';
import { startDatabase } from '../../platform/database/embedded/startDatabase';
import type { DatabaseHandle } from '../../platform/database/embedded/types';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    databaseKind: string;
    databaseVersion: string | null;
  }
}

/**
 * One database server for the whole run: MONGODB_URI when set, else the embedded one on a
 * fresh temporary data directory, listening on its socket there (never the developer's data).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-db-'));
  const log = {
    info: (m: string) => console.log(`[test db] ${m}`),
    warn: (m: string) => console.warn(`[test db] ${m}`),
  };
  const database: DatabaseHandle = await startDatabase({
    mongodbUri: config.mongodbUri,
    dataDir,
    cacheDir: config.cacheDir,
    log,
  });
  project.provide('mongoUri', database.uri);
  project.provide('databaseKind', database.kind);
  project.provide('databaseVersion', database.version);
  return async () => {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
