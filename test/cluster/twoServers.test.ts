import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  roundsNamespace,
  type RoundProgressEvent,
  type RoundView,
  type RoundsServerToClientEvents,
} from '../../shared/protocol/rounds';
import { prepareDatabase } from '../../server/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const servers: ServerProcess[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await openTestDatabase('cluster');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await Promise.all(servers.map((server) => server.stop()));
  await db.drop();
});

function roundsSocket(url: string, cookie: string): Promise<Socket<RoundsServerToClientEvents>> {
  const socket: Socket<RoundsServerToClientEvents> = io(`${url}${roundsNamespace}`, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
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
  it('an event emitted by one server reaches a client connected to another (mongodb adapter)', async () => {
    const dbName = db.connection.name;
    const [a, b, lone] = await Promise.all([
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      // The control: a server without the adapter hears only its own emits.
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

    const isLaunch = (e: RoundProgressEvent) => e.roundId === roundId && e.stage === 'self-play';
    await until(() => onA.some(isLaunch), 5_000);
    await until(() => onB.some(isLaunch), 5_000);
    // Give the lone server's socket the same time: it must hear nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(onLone).toEqual([]);
    expect(onB.filter(isLaunch)).toHaveLength(1);
  });
});
