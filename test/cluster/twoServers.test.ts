import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  roundsNamespace,
  type RoundProgressEvent,
  type RoundView,
  type RoundsServerToClientEvents,
} from '../../shared/protocol/rounds';
import type { Role } from '../../shared/protocol/roles';
import { prepareDatabase } from '../../server/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';
import { connectAnnotate, type AnnotateClient } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

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
  it('a broadcast from one server reaches a socket on another (mongodb adapter); progress is heard once', async () => {
    const dbName = db.connection.name;
    const [a, b, lone] = await Promise.all([
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
      // The control: a server without the adapter hears only its own broadcasts.
      startServerProcess(dbName, { PARLEY_SOCKET_ADAPTER: 'local' }),
    ]);
    servers.push(a, b, lone);

    // Sessions live in the database: cookies from A sign the sockets in on B and the lone one.
    const signedIn = async (roles: Role[]) => {
      const user = await createTestUser(db.connection, roles);
      const http = new HttpClient(a.url);
      await http.login(user.username, user.password);
      return { id: user.id, http, cookie: http.cookie as string };
    };
    const reviewer = await signedIn(['reviewer']);
    const [onB, onLone] = await Promise.all([signedIn(['worker']), signedIn(['worker'])]);
    const socketOnB = await connectAnnotate(b.url, { cookie: onB.cookie });
    const socketOnLone = await connectAnnotate(lone.url, { cookie: onLone.cookie });
    annotateSockets.push(socketOnB, socketOnLone);

    // Blocking on A cuts the worker's sockets through a room broadcast (disconnectSockets).
    const cut = new Promise((resolve) => socketOnB.once('disconnect', resolve));
    const blocked = await reviewer.http.post(`/api/review/workers/${onB.id}/block`, {
      reason: 'cluster test',
    });
    expect(blocked.status).toBe(200);
    await cut;
    expect(
      (await reviewer.http.post(`/api/review/workers/${onLone.id}/block`, { reason: 'control' }))
        .status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(socketOnLone.connected).toBe(true);

    // Round progress is read from the database by every server, each pushing to its own
    // sockets: a client hears a launch once, wherever it is connected.
    const researcher = await signedIn(['researcher']);
    const heardOn = await Promise.all(
      [a, b, lone].map(async (server) => heard(await roundsSocket(server.url, researcher.cookie))),
    );
    const created = await researcher.http.post('/api/rounds', {
      name: 'cluster round',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 2,
      oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    });
    expect(created.status).toBe(201);
    const roundId = (created.body as { round: RoundView }).round.id;
    expect((await researcher.http.post(`/api/rounds/${roundId}/launch`)).status).toBe(200);
    const isLaunch = (e: RoundProgressEvent) => e.roundId === roundId && e.stage === 'self-play';
    for (const events of heardOn) {
      await until(() => events.some(isLaunch), 5_000);
    }
    // Several polls of every server later, still once each.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(heardOn.map((events) => events.filter(isLaunch).length)).toEqual([1, 1, 1]);
  });
});
