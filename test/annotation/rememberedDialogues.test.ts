import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Act } from '../../shared/dialogue/acts';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { createAnnotationService } from '../../platform/annotation/annotationService';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { LeaseExpiredError } from '../../platform/errors';
import { createLogger } from '../../platform/logger';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestTasks } from '../support/taskFactory';

// Two servers on one database: each remembers the dialogues it wrote, so that an act needs no
// read; what the other one wrote meanwhile must still be seen.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase('remembered-dialogues');
  await prepareDatabase(db.connection);
});
afterAll(async () => db.drop());

function server() {
  return createAnnotationService({
    connection: db.connection,
    leaseMs: 60_000,
    notify: { act: () => undefined, ended: () => undefined, expired: () => undefined },
    log: createLogger('silent'),
  });
}

describe('an act after another server moved the same dialogue', () => {
  it('is judged and stored on what is stored, not on what this server remembered', async () => {
    await createTestTasks(db.connection, 1, { redundancy: 1 }); // scripted Alice replies at once
    const here = server();
    const there = server();
    const worker = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const view = await here.claim(worker);
    const taskId = view!.taskId;
    // Bob asks for everything (a boulware Alice never agrees to that), so the talk goes on.
    const greedy = { type: 'propose', allocation: view!.counts } as Act;
    await here.act(worker, { taskId, seq: 1, act: greedy });
    await here.aliceMove(worker, taskId);
    // The worker's other tab, on the other server: one act and Alice's reply.
    await there.act(worker, { taskId, seq: 2, act: greedy });
    await there.aliceMove(worker, taskId);
    // Back here: this server remembers the dialogue two turns short.
    const ack = await here.act(worker, { taskId, seq: 3, act: greedy });
    const stored = await annotationModel(db.connection)
      .findOne({ taskId, workerId: worker })
      .lean<Annotation>()
      .exec();
    expect(stored?.bobSeqs).toEqual([1, 2, 3]);
    expect(ack).toEqual({ seq: 3, turn: view!.history.length + 4, duplicate: false });
    // And a resend of the other tab's act is a duplicate here too.
    expect(await here.act(worker, { taskId, seq: 2, act: greedy })).toMatchObject({
      duplicate: true,
    });
  });

  it('a selection is judged on the stored acts, also when this server remembered fewer', async () => {
    await createTestTasks(db.connection, 1, { redundancy: 1, seed: 7 });
    const here = server();
    const there = server();
    const worker = 'bbbbbbbbbbbbbbbbbbbbbbbb';
    const view = await here.claim(worker);
    const taskId = view!.taskId;
    const greedy = { type: 'propose', allocation: view!.counts } as Act;
    await here.act(worker, { taskId, seq: 1, act: greedy });
    await here.aliceMove(worker, taskId);
    // The other tab ends the talk there; this server still remembers it going on.
    await there.act(worker, { taskId, seq: 2, act: { type: 'end' } });
    await there.aliceMove(worker, taskId);
    const ended = await here.select(worker, { taskId, allocation: null });
    const stored = await annotationModel(db.connection)
      .findOne({ taskId, workerId: worker })
      .lean<Annotation>()
      .exec();
    expect(stored?.status).toBe('completed');
    expect(stored?.turnCount).toBe(stored?.turns.length);
    expect(stored?.turns.at(-1)?.act).toEqual({ type: 'end' });
    expect(stored?.bobSelection).toBeNull();
    expect(ended.taskId).toBe(taskId);
    // Selecting again is refused: the lease ended with the annotation.
    await expect(here.select(worker, { taskId, allocation: null })).rejects.toBeInstanceOf(
      LeaseExpiredError,
    );
  });
});
