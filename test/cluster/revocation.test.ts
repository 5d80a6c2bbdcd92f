import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import type { Role } from '../../shared/protocol/roles';
import { openTestDatabase } from '../setup/testDatabase';
import { request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { disconnection, openUserSockets, type UserSockets } from '../support/userSockets';

/**
 * Two `parley start` processes on one database with the MongoDB adapter: an admin's block or
 * role change through one process cuts the user's sockets in every namespace on both.
 */
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let a: ServerProcess;
let b: ServerProcess;
let admin: HttpClient;
const opened: UserSockets[] = [];

beforeAll(async () => {
  db = await openTestDatabase('cluster-revocation');
  await prepareDatabase(db.connection);
  [a, b] = await Promise.all([
    startServerProcess(db.connection.name, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
    startServerProcess(db.connection.name, { PARLEY_SOCKET_ADAPTER: 'mongodb' }),
  ]);
  const adminUser = await createTestUser(db.connection, ['admin']);
  admin = new HttpClient(a.url);
  await admin.login(adminUser.username, adminUser.password);
});
afterAll(async () => {
  opened.forEach((sockets) => sockets.close());
  await Promise.all([a?.stop(), b?.stop()]);
  await db.drop();
});

/** A new researcher signed in (the session lives in the database) with sockets on A and on B. */
async function researcherOnBoth(
  connections: 'one' | 'each',
): Promise<{ id: string; onA: UserSockets; onB: UserSockets }> {
  const user = await createTestUser(db.connection, ['researcher']);
  const http = new HttpClient(a.url);
  await http.login(user.username, user.password);
  const cookie = http.cookie ?? '';
  const [onA, onB] = await Promise.all([
    openUserSockets(a.url, { cookie }, connections),
    openUserSockets(b.url, { cookie }, connections),
  ]);
  opened.push(onA, onB);
  return { id: user.id, onA, onB };
}

const everySocket = (...all: UserSockets[]) => all.flatMap((s) => [s.annotate, s.rounds]);

async function expectServed(sockets: UserSockets): Promise<void> {
  // The ack follows any disconnect order for either socket on this connection.
  expect((await request(sockets.annotate, 'task:claim', {})).ok).toBe(true);
  expect([sockets.annotate.connected, sockets.rounds.connected]).toEqual([true, true]);
}

describe('revocation across server processes', () => {
  const revocations: [string, (userId: string) => Promise<{ status: number }>][] = [
    [
      'blocking',
      (userId) => admin.post(`/api/admin/users/${userId}/block`, { reason: 'leaked account' }),
    ],
    [
      'demoting',
      (userId) =>
        admin.request('PUT', `/api/admin/users/${userId}/roles`, {
          body: { roles: ['worker'] satisfies Role[], reason: 'left the lab' },
        }),
    ],
  ];

  it.each(revocations)(
    '%s a researcher through one process cuts their /annotate and /rounds sockets on both',
    async (_name, revoke) => {
      // Each namespace on a connection of its own: a cut closes its whole connection.
      const target = await researcherOnBoth('each');
      const bystander = await researcherOnBoth('one');
      const cuts = everySocket(target.onA, target.onB).map((socket) => disconnection(socket));

      expect((await revoke(target.id)).status).toBe(200);

      expect(await Promise.all(cuts)).toEqual(Array(4).fill('io server disconnect'));
      await expectServed(bystander.onA);
      await expectServed(bystander.onB);
    },
  );
});
