import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiTokenView } from '../../shared/protocol/auth';
import { request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { disconnection, openUserSockets, type UserSockets } from '../support/userSockets';

let platform: TestPlatform;
const opened: UserSockets[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('socket-revocation');
});
afterAll(async () => {
  opened.forEach((sockets) => sockets.close());
  await platform.close();
});

async function signedIn(username: string, password: string): Promise<HttpClient> {
  const http = new HttpClient(platform.server.url);
  await http.login(username, password);
  return http;
}

async function open(
  credential: { cookie: string } | { token: string },
  connections: 'one' | 'each',
): Promise<UserSockets> {
  const sockets = await openUserSockets(platform.server.url, credential, connections);
  opened.push(sockets);
  return sockets;
}

/** Both sockets are still served: the ack on `/annotate` comes after any cut of `/rounds`. */
async function expectServed(sockets: UserSockets): Promise<void> {
  const ack = await request(sockets.annotate, 'task:claim', {});
  expect(ack.ok).toBe(true);
  expect(sockets.rounds.connected).toBe(true);
  expect(sockets.annotate.connected).toBe(true);
}

describe('revoking a credential ends the sockets it opened, and only those', () => {
  it('signing out ends the session’s sockets in every namespace; another session stays', async () => {
    const user = await createTestUser(platform.db.connection, ['researcher']);
    const leaving = await signedIn(user.username, user.password);
    const staying = await signedIn(user.username, user.password);
    const ofLeaving = await open({ cookie: leaving.cookie ?? '' }, 'each');
    const ofStaying = await open({ cookie: staying.cookie ?? '' }, 'one');
    const cuts = [disconnection(ofLeaving.annotate), disconnection(ofLeaving.rounds)];

    expect((await leaving.post('/api/auth/logout')).status).toBe(204);

    expect(await Promise.all(cuts)).toEqual(['io server disconnect', 'io server disconnect']);
    await expectServed(ofStaying);
  });

  it('deleting an API token ends the sockets opened with it; another token and the session stay', async () => {
    const user = await createTestUser(platform.db.connection, ['researcher']);
    const http = await signedIn(user.username, user.password);
    const mint = async (name: string) => {
      const res = await http.post('/api/auth/tokens', { name, expiresInDays: 1 });
      expect(res.status).toBe(201);
      return (res.body as { token: CreatedApiTokenView }).token;
    };
    const [revoked, kept] = [await mint('revoked'), await mint('kept')];
    const ofRevoked = await open({ token: revoked.token }, 'each');
    const ofKept = await open({ token: kept.token }, 'one');
    const ofSession = await open({ cookie: http.cookie ?? '' }, 'one');
    const cuts = [disconnection(ofRevoked.annotate), disconnection(ofRevoked.rounds)];

    expect((await http.request('DELETE', `/api/auth/tokens/${revoked.id}`)).status).toBe(204);

    expect(await Promise.all(cuts)).toEqual(['io server disconnect', 'io server disconnect']);
    await expectServed(ofKept);
    await expectServed(ofSession);
  });
});

describe('the default namespace', () => {
  it('refuses every socket, anonymous or signed in, with not_found', async () => {
    const user = await createTestUser(platform.db.connection, ['researcher']);
    const http = await signedIn(user.username, user.password);
    const handshakes: Record<string, string>[] = [{}, { cookie: http.cookie ?? '' }];
    for (const headers of handshakes) {
      const socket = io(platform.server.url, {
        transports: ['websocket'],
        extraHeaders: headers,
        forceNew: true,
        reconnection: false,
      });
      const outcome = await new Promise<unknown>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: unknown }) => resolve(error.data));
      });
      socket.close();
      expect(outcome).toMatchObject({ code: 'not_found' });
    }
  });
});
