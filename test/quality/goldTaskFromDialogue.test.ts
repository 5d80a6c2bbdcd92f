import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { GoldTaskView } from '../../shared/protocol/review';
import type { RoundView } from '../../shared/protocol/rounds';
import { storeDialogueRecord } from '../../platform/dialogues/dialogueModel';
import { goldSpecModel } from '../../platform/quality/goldSpecModel';
import { earlyAliceCut } from '../../platform/tasks/createTasks';
import { taskModel } from '../../platform/tasks/taskModel';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let owner: HttpClient;
let other: HttpClient;

const record = (seed: number) =>
  generateDialogue(
    {
      domain: getDomain('dealornodeal'),
      dialogues: 1,
      seed,
      population: parsePopulation('boulware:1,conceder:1'),
    },
    0,
  );

beforeAll(async () => {
  platform = await startTestPlatform('gold_from_dialogue');
  owner = new HttpClient(platform.server.url);
  other = new HttpClient(platform.server.url);
  for (const [client, user] of [
    [owner, await createTestUser(platform.db.connection, ['researcher'])],
    [other, await createTestUser(platform.db.connection, ['researcher'])],
  ] as const) {
    await client.login(user.username, user.password);
  }
});
afterAll(async () => {
  await platform.close();
});

describe('POST /api/gold-tasks by dialogueId', () => {
  it('cuts a stored dialogue of your round, and nobody else’s', async () => {
    const created = await owner.post('/api/rounds', {
      name: 'gold source',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 2,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    });
    const roundId = (created.body as { round: RoundView }).round.id;
    const inRound = record(21);
    await storeDialogueRecord(platform.db.connection, inRound, { taskId: null, roundId });
    const outside = record(22);
    await storeDialogueRecord(platform.db.connection, outside, { taskId: null, roundId: null });
    const cutAt = earlyAliceCut(inRound);
    const body = { cutAt, expectations: { agreement: true, minBobScore: 4 }, redundancy: 2 };

    const made = await owner.post('/api/gold-tasks', { ...body, dialogueId: inRound.id });
    expect(made.status).toBe(201);
    const gold = (made.body as { goldTask: GoldTaskView }).goldTask;
    expect(gold).toMatchObject({ roundId: null, redundancy: 2, expectations: body.expectations });
    const task = await taskModel(platform.db.connection).findById(gold.taskId).lean().exec();
    expect(task?.gold).toBe(true);
    expect(task?.source.dialogueId).toBe(inRound.id);
    expect(task?.counts).toEqual(inRound.context.counts);
    expect(
      await goldSpecModel(platform.db.connection).countDocuments({ taskId: gold.taskId }),
    ).toBe(1);

    // Another researcher's round, a dialogue outside rounds, an unknown id: all 404.
    for (const [client, dialogueId] of [
      [other, inRound.id],
      [owner, outside.id],
      [owner, 'no-such-dialogue'],
    ] as const) {
      const refused = await client.post('/api/gold-tasks', { ...body, dialogueId });
      expect(refused.status).toBe(404);
      expect(JSON.stringify(refused.body)).toContain('send its record instead');
    }
    // Both, or neither, is a 400 that says which to send.
    for (const extra of [{ dialogueId: inRound.id, record: inRound }, {}]) {
      const bad = await owner.post('/api/gold-tasks', { ...body, ...extra });
      expect(bad.status).toBe(400);
      expect(errorCode(bad.body)).toBeDefined();
      expect(JSON.stringify(bad.body)).toContain('exactly one of them');
    }
  });
});
