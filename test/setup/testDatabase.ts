import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectDatabase } from '../../platform/database/connection';
import { createLogger } from '../../platform/logger';

/**
 * A connection to a database of its own, so test files never see each other's data.
 * `drop()` removes the database at the end of the file.
 */
export async function openTestDatabase(
  label: string,
): Promise<{ connection: Connection; drop(): Promise<void> }> {
  const dbName = `test_${label.replace(/[^A-Za-z0-9]/g, '_').slice(0, 30)}_${randomUUID().slice(0, 8)}`;
  const connection = await connectDatabase({
    uri: inject('mongoUri'),
    dbName,
    log: createLogger('warn', 'test'),
    attempts: 3,
  });
  return {
    connection,
    drop: async () => {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}
