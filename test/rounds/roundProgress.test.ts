import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundProgressEvent, RoundView } from '../../shared/protocol/rounds';
import { applyProgress } from '../../client/src/dashboard/roundProgressState';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { connectRounds, type RoundsClient } from '../support/roundsClient';
import { readRound, roundRunner, runJobsUntil } from '../support/roundWorkers';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
let client: HttpClient;
let socket: RoundsClient;

beforeAll(async () => {
  // A slow poll: stages start and finish between two looks, as on a busy server.
  platform = await startTestPlatform('round_progress', { roundProgressPollMs: 2_000 });
  await seedSmallCheckpoints(platform.db.connection);
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  socket = await connectRounds(platform.server.url, client.cookie);
}, 120_000);
afterAll(async () => {
  socket.close();
  await platform.close();
});

const viewOf = async (roundId: string) =>
  ((await client.get(`/api/rounds/${roundId}`)).body as { round: RoundView }).round;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live progress', () => {
  it('after pause and resume, the pushes bring a dashboard to what the API says, every stage', async () => {
    const connection = platform.db.connection;
    const created = await client.post('/api/rounds', {
      name: 'watched round',
      domain: 'dealornodeal',
      selfPlayDialogues: 24,
      annotate: 3,
      // Human oracles: the round then waits in `annotating`, a state that stays put.
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      seed: 31,
    });
    let shown = (created.body as { round: RoundView }).round;
    const roundId = shown.id;
    const heard: RoundProgressEvent[] = [];
    socket.on('round:progress', (event) => {
      if (event.roundId === roundId) {
        heard.push(event);
      }
    });
    // The dashboard: REST answers of its own clicks, then every push as it arrives.
    const click = async (action: string) => {
      const answer = await client.post(`/api/rounds/${roundId}/${action}`, {});
      expect(answer.status).toBe(200);
      shown = (answer.body as { round: RoundView }).round;
      heard.length = 0;
    };
    await click('launch');
    const runner = roundRunner(connection, 'watched-worker');
    const running = runner.runOnce();
    await until(
      async () => ((await readRound(connection, roundId)).progress?.['self-play']?.done ?? 0) >= 4,
      'some self-play',
    );
    await click('pause');
    expect(await running).toBe(true);
    await click('resume');
    await runJobsUntil(runner, connection, roundId, (r) => r.status === 'annotating');
    await until(() => heard.at(-1)?.stage === 'annotating', 'the annotating push');

    const live = heard.reduce(applyProgress, shown);
    const api = await viewOf(roundId);
    expect(api.progress['self-play']).toEqual({ done: 24, total: 24 });
    expect(api.progress.ranking).toEqual({ done: 24, total: 24 });
    expect({ status: live.status, pausedFrom: live.pausedFrom, progress: live.progress }).toEqual({
      status: api.status,
      pausedFrom: api.pausedFrom,
      progress: api.progress,
    });
  }, 120_000);

  it('says what a first round is doing while it trains the first checkpoints', async () => {
    const connection = platform.db.connection;
    // No checkpoints for CaSiNo yet: its first round bootstraps them.
    const created = await client.post('/api/rounds', {
      name: 'first casino round',
      domain: 'casino',
      selfPlayDialogues: 8,
      annotate: 2,
      oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    });
    const roundId = (created.body as { round: RoundView }).round.id;
    expect((await client.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
    const runner = roundRunner(connection, 'bootstrap-worker');
    const running = runJobsUntil(runner, connection, roundId, (r) => r.status !== 'self-play');
    await until(async () => (await viewOf(roundId)).activity !== null, 'the bootstrap activity');
    const during = await viewOf(roundId);
    expect(during.activity).toMatch(/training the first checkpoints/);
    expect(during.progress['self-play'].done).toBe(0);
    await running;
    const after = await viewOf(roundId);
    expect(after.activity).toBeNull();
    expect(after.status).toBe('ranking');
  }, 120_000);
});
