import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RoundProgressEvent,
  type RoundView,
  type RoundsServerToClientEvents,
} from '../../shared/protocol/rounds';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestUser } from '../support/factories';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { connectRounds, type RoundsClient } from '../support/roundsClient';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const servers: ServerProcess[] = [];
const sockets: Socket[] = [];
const annotateSockets: AnnotateClient[] = [];

beforeAll(async () => {
  db = await openTestDatabase('cluster');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  annotateSockets.forEach((socket) => socket.close());
  await Promise.all(servers.map((server) => server.stop()));
  await db.drop();
});

async function roundsSocket(url: string, cookie: string): Promise<RoundsClient> {
  const socket = await connectRounds(url, cookie);
  sockets.push(socket);
  return socket;
}

/** Every `round:progress` the socket hears, as it arrives. */
function heard(socket: Socket<RoundsServerToClientEvents>): RoundProgressEvent[] {
  const events: RoundProgressEvent[] = [];
  socket.on('round:progress', (event) => events.push(event));
  return events;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('several server processes on one database', () => {
  it('round progress reaches the clients of every server exactly once', async () => {
    const dbName = db.connection.name;
    const [a, b, lone] = await Promise.all([
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      // The control for the adapter (next test): a server without it.
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'local' }),
    ]);
    servers.push(a, b, lone);

    const researcher = await createTestUser(db.connection, ['researcher']);
    const http = new HttpClient(a.url);
    await http.login(researcher.username, researcher.password);
    // Sessions live in the database: the cookie from A signs the socket in on B as well.
    const cookie = http.cookie as string;
    const onA = heard(await roundsSocket(a.url, cookie));
    const onB = heard(await roundsSocket(b.url, cookie));
    const onLone = heard(await roundsSocket(lone.url, cookie));

    const created = await http.post('/api/rounds', {
      name: 'cluster round',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 2,
      oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    });
    expect(created.status).toBe(201);
    const roundId = (created.body as { round: RoundView }).round.id;
    const launched = await http.post(`/api/rounds/${roundId}/launch`);
    expect(launched.status).toBe(200);

    // Each process watches the rounds in the database and tells its own clients.
    const isLaunch = (e: RoundProgressEvent) => e.roundId === roundId && e.stage === 'self-play';
    await until(() => [onA, onB, onLone].every((events) => events.some(isLaunch)), 60_000);
    // A barrier instead of a wait: a later change (pause) reaches every client after any copy of
    // the launch event would have (each process pushes changes in order), so once all three
    // heard the pause, every launch event they will ever hear is in.
    expect((await http.post(`/api/rounds/${roundId}/pause`)).status).toBe(200);
    const isPause = (e: RoundProgressEvent) => e.roundId === roundId && e.stage === 'paused';
    await until(() => [onA, onB, onLone].every((events) => events.some(isPause)), 60_000);
    for (const events of [onA, onB, onLone]) {
      expect(events.filter(isLaunch)).toHaveLength(1);
    }
  });

  it('blocking a worker on one server cuts their socket held by another', async () => {
    const [a, b, lone] = servers;
    if (a === undefined || b === undefined || lone === undefined) {
      throw new Error('the first test starts the servers');
    }
    const worker = await createTestUser(db.connection, ['worker']);
    const workerHttp = new HttpClient(b.url);
    await workerHttp.login(worker.username, worker.password);
    const socket = await connectAnnotate(b.url, { cookie: workerHttp.cookie });
    // The control: the same worker on a server without the adapter hears no disconnect order.
    const onLone = await connectAnnotate(lone.url, { cookie: workerHttp.cookie });
    annotateSockets.push(socket, onLone);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const reviewer = await createTestUser(db.connection, ['reviewer']);
    const reviewing = new HttpClient(a.url);
    await reviewing.login(reviewer.username, reviewer.password);
    const blocked = await reviewing.post(`/api/review/workers/${worker.id}/block`, {
      reason: 'bot-like answers',
    });
    expect(blocked.status).toBe(200);
    const reason = await Promise.race([
      cut,
      new Promise<string>((resolve) => setTimeout(() => resolve('still connected'), 60_000)),
    ]);
    expect(reason).toBe('io server disconnect');
    // The lone server still serves this socket after the cut happened elsewhere: a round trip
    // (a claim; the queue is empty) instead of a wait.
    expect(await request(onLone, 'task:claim', {})).toEqual({ ok: true, data: null });
    expect(onLone.connected).toBe(true);
  });
});
