import type { Connection } from 'mongoose';
import { markBackfilled } from '../database/backfills';
import { leasePointerModel } from './queueModels';
import { taskModel, type Task } from './taskModel';

export const leasePointersBackfill = 'leasePointers';

/**
 * Gives every worker holding a live lease a lease pointer (leases claimed before pointers
 * existed have none), then records that pointers are complete: from then on a worker without a
 * pointer has no lease, and a claim needs no scan of the tasks to know it. One scan, at start.
 */
export async function backfillLeasePointers(connection: Connection): Promise<void> {
  const held = await taskModel(connection)
    .find({ 'leases.status': 'active' }, { leases: 1 })
    .lean<Pick<Task, '_id' | 'leases'>[]>()
    .exec();
  const pointers = leasePointerModel(connection);
  for (const task of held) {
    for (const lease of task.leases) {
      if (lease.status !== 'active') {
        continue;
      }
      // A worker who already has a pointer got it from a claim, which is newer than this.
      await pointers
        .updateOne(
          { _id: lease.workerId },
          {
            $setOnInsert: {
              taskId: task._id.toHexString(),
              leaseId: lease.leaseId,
              claimId: null,
            },
          },
          { upsert: true },
        )
        .exec();
    }
  }
  await markBackfilled(connection, leasePointersBackfill);
}
