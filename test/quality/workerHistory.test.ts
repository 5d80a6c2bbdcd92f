import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { backfillLookups } from '../../platform/database/backfillLookups';
import { recordFirstResponse, workerHistoryModel } from '../../platform/quality/workerHistory';
import { openTestDatabase } from '../setup/testDatabase';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase('worker-history');
  await prepareDatabase(db.connection);
});
afterAll(async () => db.drop());

/** A stored annotation with only what the history reads: worker, status, Bob's first act. */
async function annotation(workerId: string, status: string, firstBob: string | null) {
  const _id = new Types.ObjectId();
  const turns = [
    { speaker: 0, act: { type: 'propose' } },
    ...(firstBob === null ? [] : [{ speaker: 1, act: { type: firstBob } }]),
  ];
  await annotationModel(db.connection).collection.insertOne({
    _id,
    taskId: _id.toHexString(),
    workerId,
    status,
    turns,
  });
  return _id.toHexString();
}

describe("a worker's first responses", () => {
  it('are built once from their past annotations, then kept one entry per annotation', async () => {
    await annotation('w1', 'completed', 'agree');
    await annotation('w1', 'completed', 'propose');
    await annotation('w1', 'completed', null); // never answered: no entry
    await annotation('w1', 'active', 'agree'); // not finished: no entry
    await annotation('w2', 'completed', 'disagree'); // someone else's
    // The annotation being checked is already completed, so the first read finds it too.
    const current = await annotation('w1', 'completed', 'agree');
    const entry = { annotationId: current, type: 'agree' as const };

    const first = await recordFirstResponse(db.connection, 'w1', entry);
    expect([...first].sort()).toEqual(['agree', 'agree', 'propose']);
    // A check retried after a crash adds nothing.
    expect(await recordFirstResponse(db.connection, 'w1', entry)).toEqual(first);

    // Later annotations are added without reading the annotations again.
    await annotationModel(db.connection).deleteMany({ workerId: 'w1' });
    const next = await annotation('w1', 'completed', 'agree');
    const after = await recordFirstResponse(db.connection, 'w1', {
      annotationId: next,
      type: 'agree',
    });
    expect([...after].sort()).toEqual(['agree', 'agree', 'agree', 'propose']);
    expect(await recordFirstResponse(db.connection, 'w1', null)).toEqual(after);
    expect(await recordFirstResponse(db.connection, 'w2', null)).toEqual(['disagree']);
  });

  it('are backfilled at start for every worker, and afterwards a new worker needs no scan', async () => {
    const fresh = await openTestDatabase('worker-history-backfill');
    try {
      await prepareDatabase(fresh.connection);
      const stored = async (workerId: string, type: string) => {
        const _id = new Types.ObjectId();
        await annotationModel(fresh.connection).collection.insertOne({
          _id,
          taskId: _id.toHexString(),
          workerId,
          status: 'completed',
          turns: [{ speaker: 1, act: { type } }],
        });
        return _id.toHexString();
      };
      await stored('old', 'agree');
      await stored('old', 'disagree');
      await backfillLookups(fresh.connection);
      const old = await workerHistoryModel(fresh.connection).findById('old').lean().exec();
      expect(old?.firstResponses.map((e) => e.type).sort()).toEqual(['agree', 'disagree']);

      // After the backfill a worker without a history has no completed annotation to read:
      // one stored behind the history's back (impossible through Parley) is not looked for.
      await stored('new', 'propose');
      const current = await stored('new', 'agree');
      expect(
        await recordFirstResponse(fresh.connection, 'new', {
          annotationId: current,
          type: 'agree',
        }),
      ).toEqual(['agree']);
    } finally {
      await fresh.drop();
    }
  });
});
