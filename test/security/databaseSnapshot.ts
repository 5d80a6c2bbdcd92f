import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';

/**
 * Collections whose writes are the point of a request even when it fails: sessions are touched
 * on every request, and failed sign-ins are counted for the lockout.
 */
const bookkeeping = new Set(['sessions', 'loginFailures']);

/** A hash per collection of every document, in id order: equal snapshots mean nothing was written. */
export async function snapshot(connection: Connection): Promise<Record<string, string>> {
  const db = connection.db;
  if (db === undefined) {
    throw new Error('not connected');
  }
  const result: Record<string, string> = {};
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
    if (bookkeeping.has(name)) {
      continue;
    }
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    result[name] =
      `${docs.length}:${createHash('sha256').update(JSON.stringify(docs)).digest('hex')}`;
  }
  return result;
}
