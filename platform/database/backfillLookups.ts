import type { Connection } from 'mongoose';
import { backfillWorkerHistories, workerHistoriesBackfill } from '../quality/workerHistory';
import { backfillLeasePointers, leasePointersBackfill } from '../tasks/pointerBackfill';
import { backfillModel } from './backfills';

/**
 * Fills the lookup collections that spare scans (lease pointers, worker histories) from the
 * data written before they existed, once per database; run at start, after prepareDatabase.
 */
export async function backfillLookups(connection: Connection): Promise<void> {
  const done = new Set(
    (await backfillModel(connection).find({}, { _id: 1 }).lean().exec()).map((b) => b._id),
  );
  if (!done.has(leasePointersBackfill)) {
    await backfillLeasePointers(connection);
  }
  if (!done.has(workerHistoriesBackfill)) {
    await backfillWorkerHistories(connection);
  }
}
