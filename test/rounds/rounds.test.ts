import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noveltyMetrics as learningNoveltyMetrics } from '../../learning/novelty';
import {
  noveltyMetrics,
  type RoundProgressEvent,
  type RoundView,
} from '../../shared/protocol/rounds';
import { roundModel } from '../../platform/rounds/roundModel';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { connectRounds, type RoundsClient } from '../support/roundsClient';

let platform: TestPlatform;
const sockets: Socket[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('rounds');
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await platform.close();
});

async function signedIn(roles: ('worker' | 'researcher' | 'admin' | 'reviewer')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { user, client };
}

const validRound = {
  name: 'first round',
  domain: 'dealornodeal',
  selfPlayDialogues: 200,
  annotate: 20,
  oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
  redundancy: 2,
};

async function roundsSocket(cookie: string | null): Promise<RoundsClient> {
  const socket = await connectRounds(platform.server.url, cookie);
  sockets.push(socket);
  return socket;
}

describe('rounds over REST', () => {
  it('offers exactly the novelty metrics the learning workers compute', () => {
    expect([...noveltyMetrics]).toEqual([...learningNoveltyMetrics]);
  });

  it('creates a draft round with defaults, and rejects invalid bodies writing nothing', async () => {
    const { user, client } = await signedIn(['researcher']);
    const created = await client.post('/api/rounds', validRound);
    expect(created.status).toBe(201);
    const round = (created.body as { round: RoundView }).round;
    expect(round).toMatchObject({
      owner: user.id,
      status: 'draft',
      checkpoints: { alice: null, bob: null },
      noveltyMetric: 'minLogProb',
      retrainingPolicy: 'reviewed-accepted',
      goldRate: 0,
      progress: { 'self-play': { done: 0, total: 200 }, annotating: { done: 0, total: 20 } },
    });
    const before = await roundModel(platform.db.connection).countDocuments();
    for (const body of [
      { ...validRound, oracleMix: { human: 0.5, simulatedExpert: 0.1, astra: 0.1 } },
      { ...validRound, annotate: 500 },
      { ...validRound, domain: 'chess' },
      { ...validRound, owner: 'someone-else' },
      { ...validRound, selfPlayDialogues: -1 },
    ]) {
      const res = await client.post('/api/rounds', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    // A JSON body that is not an object is refused by the body parser already.
    expect((await client.post('/api/rounds', 'not an object')).status).toBe(400);
    expect(await roundModel(platform.db.connection).countDocuments()).toBe(before);
  });

  it('only researchers and admins may use rounds; a researcher sees only their own', async () => {
    const alice = await signedIn(['researcher']);
    const other = await signedIn(['researcher']);
    const admin = await signedIn(['admin']);
    const id = ((await alice.client.post('/api/rounds', validRound)).body as { round: RoundView })
      .round.id;
    await other.client.post('/api/rounds', { ...validRound, name: 'other' });

    for (const role of ['worker', 'reviewer'] as const) {
      const { client } = await signedIn([role]);
      expect((await client.get('/api/rounds')).status).toBe(403);
      expect((await client.post('/api/rounds', validRound)).status).toBe(403);
      expect((await client.post(`/api/rounds/${id}/launch`)).status).toBe(403);
    }
    expect((await new HttpClient(platform.server.url).get('/api/rounds')).status).toBe(401);

    const own = (await alice.client.get('/api/rounds')).body as { rounds: RoundView[] };
    expect(own.rounds.map((r) => r.owner)).toEqual([alice.user.id]);
    expect((await other.client.get(`/api/rounds/${id}`)).status).toBe(404);
    expect((await other.client.post(`/api/rounds/${id}/cancel`)).status).toBe(404);
    expect((await alice.client.get(`/api/rounds/${id}`)).status).toBe(200);
    expect((await alice.client.get('/api/rounds/not-an-id')).status).toBe(400);

    const all = (await admin.client.get('/api/rounds')).body as { rounds: RoundView[] };
    const owners = new Set(all.rounds.map((r) => r.owner));
    expect(owners.has(alice.user.id) && owners.has(other.user.id)).toBe(true);
    expect((await admin.client.get(`/api/rounds/${id}`)).status).toBe(200);
  });

  it('launch, pause, resume and cancel follow the status machine; other moves are 409', async () => {
    const { client } = await signedIn(['researcher']);
    const id = ((await client.post('/api/rounds', validRound)).body as { round: RoundView }).round
      .id;
    const act = async (action: string) => client.post(`/api/rounds/${id}/${action}`);
    const status = (res: { body: unknown }) => (res.body as { round: RoundView }).round.status;

    expect((await act('pause')).status).toBe(409);
    expect((await act('resume')).status).toBe(409);
    expect(status(await act('launch'))).toBe('self-play');
    expect((await act('launch')).status).toBe(409);
    const paused = await act('pause');
    expect((paused.body as { round: RoundView }).round).toMatchObject({
      status: 'paused',
      pausedFrom: 'self-play',
    });
    expect(status(await act('resume'))).toBe('self-play');
    expect(status(await act('cancel'))).toBe('cancelled');
    for (const action of ['launch', 'pause', 'resume', 'cancel']) {
      const res = await act(action);
      expect(res.status).toBe(409);
      expect(errorCode(res.body)).toBe('conflict');
    }
  });

  it('two concurrent launches: exactly one wins', async () => {
    const { client } = await signedIn(['researcher']);
    const id = ((await client.post('/api/rounds', validRound)).body as { round: RoundView }).round
      .id;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client.post(`/api/rounds/${id}/launch`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  });
});

describe('the /rounds namespace', () => {
  it('pushes round:progress to the owner and admins, not to other researchers; refuses workers', async () => {
    const owner = await signedIn(['researcher']);
    const other = await signedIn(['researcher']);
    const admin = await signedIn(['admin']);
    const worker = await signedIn(['worker']);
    await expect(roundsSocket(worker.client.cookie)).rejects.toThrow(/may not/);
    await expect(roundsSocket(null)).rejects.toThrow(/Sign in/);

    const listeners = {
      owner: await roundsSocket(owner.client.cookie),
      other: await roundsSocket(other.client.cookie),
      admin: await roundsSocket(admin.client.cookie),
    };
    const heard: Record<keyof typeof listeners, RoundProgressEvent[]> = {
      owner: [],
      other: [],
      admin: [],
    };
    for (const key of Object.keys(listeners) as (keyof typeof listeners)[]) {
      listeners[key].on('round:progress', (event) => heard[key].push(event));
    }
    const id = ((await owner.client.post('/api/rounds', validRound)).body as { round: RoundView })
      .round.id;
    await owner.client.post(`/api/rounds/${id}/launch`);
    await owner.client.post(`/api/rounds/${id}/pause`);
    for (let i = 0; i < 50 && (heard.owner.length < 2 || heard.admin.length < 2); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const expected = [
      { roundId: id, stage: 'self-play', done: 0, total: 200, pausedFrom: null },
      { roundId: id, stage: 'paused', done: 0, total: 200, pausedFrom: 'self-play' },
    ];
    expect(heard.owner).toMatchObject(expected);
    expect(heard.owner).toHaveLength(2);
    expect(heard.admin).toEqual(heard.owner);
    expect(heard.other).toEqual([]);
  });
});
