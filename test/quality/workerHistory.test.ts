import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { recordFirstResponse } from '../../platform/quality/workerHistory';
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
});
