import { inject } from 'vitest';
import type { DatabaseKind } from '../../platform/database/embedded/types';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { createLogger } from '../../platform/logger';
import { startServer, type PlatformServer, type ServerSettings } from '../../server/platform';
import { openTestDatabase } from '../setup/testDatabase';

export interface TestPlatform {
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  server: PlatformServer;
  close(): Promise<void>;
}

/** A real server on a free port over a database of its own, with every collection prepared. */
export async function startTestPlatform(
  label: string,
  settings: Partial<ServerSettings> = {},
): Promise<TestPlatform> {
  const db = await openTestDatabase(label);
  await prepareDatabase(db.connection);
  const server = await startServer({
    connection: db.connection,
    database: { kind: inject('databaseKind') as DatabaseKind, version: inject('databaseVersion') },
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    host: '127.0.0.1',
    port: 0,
    settings,
  });
  return {
    db,
    server,
    close: async () => {
      await server.close();
      await db.drop();
    },
  };
}
