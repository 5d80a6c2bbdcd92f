import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { RoundCounts, RoundView } from '../../shared/protocol/rounds';
import { earlyAliceCut } from '../../platform/tasks/createTasks';
import { seedDrawnRound } from '../support/drawnRound';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;

beforeAll(async () => {
  platform = await startTestPlatform('round_draw');
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
});
afterAll(async () => {
  await platform.close();
});

async function counts(roundId: string): Promise<RoundCounts> {
  const res = await client.get(`/api/rounds/${roundId}/counts`);
  expect(res.status).toBe(200);
  return (res.body as { counts: RoundCounts }).counts;
}

describe('GET /api/rounds/:roundId/counts — the oracle draw', () => {
  it('reports what the rank stage drew (none before it ran), not counting gold added by hand', async () => {
    const created = await client.post('/api/rounds', {
      name: 'draw round',
      domain: 'dealornodeal',
      selfPlayDialogues: 40,
      annotate: 20,
      oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
      goldRate: 0.1,
    });
    expect(created.status).toBe(201);
    const roundId = (created.body as { round: RoundView }).round.id;
    expect((await counts(roundId)).drawn).toBeNull();

    // k = 20 at 50/25/25 drew 8 / 4 / 8, one of the 8 human tasks gold.
    await seedDrawnRound(platform.db.connection, roundId, {
      human: 8,
      gold: 1,
      simulatedExpert: 4,
      astra: 8,
    });
    // A researcher's own gold task in the round is a task too, but no part of the draw.
    const record = generateDialogue(
      {
        domain: getDomain('dealornodeal'),
        dialogues: 1,
        seed: 5,
        population: parsePopulation('boulware:1'),
      },
      0,
    );
    const gold = await client.post('/api/gold-tasks', {
      record,
      cutAt: earlyAliceCut(record),
      expectations: { agreement: true },
      roundId,
    });
    expect(gold.status).toBe(201);

    const after = await counts(roundId);
    expect(after.drawn).toEqual({ human: 8, simulatedExpert: 4, astra: 8, gold: 1 });
    expect(after.tasks.gold).toBe(2);
  });
});
