import type { Connection } from 'mongoose';
import type { Namespace, Server } from 'socket.io';
import { roundsNamespace, type RoundsServerToClientEvents } from '../../shared/protocol/rounds';
import type { SocketData } from '../../shared/protocol/socketContract';
import { socketAuthentication } from '../annotation/socketAuth';
import type { Authentication } from '../auth/authentication';
import type { Logger } from '../../platform/logger';
import type { RoundNotifier } from '../../platform/rounds/roundService';

export type RoundsNamespace = Namespace<
  Record<string, never>,
  RoundsServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const ownerRoom = (userId: string) => `owner:${userId}`;
const adminRoom = 'admins';

/**
 * `/rounds`: researchers (and admins) listen for `round:progress`. Server → client only; the
 * socket is admitted like `/annotate` (session cookie or API token) with `manageRounds`, and
 * joins its owner's room (admins also the room that hears every round).
 */
export function registerRoundsNamespace(
  io: Server,
  deps: { connection: Connection; auth: Authentication; log: Logger },
): RoundsNamespace {
  const nsp = io.of(roundsNamespace) as RoundsNamespace;
  nsp.use(socketAuthentication(deps.connection, deps.auth, deps.log, 'manageRounds'));
  nsp.on('connection', (socket) => {
    const { id, roles } = socket.data.user;
    void socket.join(roles.includes('admin') ? [ownerRoom(id), adminRoom] : ownerRoom(id));
  });
  return nsp;
}

/**
 * Pushes to this process's sockets only: every server process watches the rounds in the
 * database and pushes changes to its own clients (roundProgressWatch.ts), so a broadcast
 * through the cluster adapter would reach each client once per process.
 */
export function roundsNotifier(nsp: () => RoundsNamespace | null): RoundNotifier {
  return (ownerId, event) => {
    nsp()
      ?.local.to([ownerRoom(ownerId), adminRoom])
      .emit('round:progress', event);
  };
}
