import { Manager, type Socket } from 'socket.io-client';
import { roundsNamespace, type RoundsServerToClientEvents } from '../../shared/protocol/rounds';
import {
  annotateNamespace,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/protocol/socketContract';

/**
 * A user's `/annotate` and `/rounds` sockets, signed in by a session cookie or an API token.
 *
 * `connections: 'one'` multiplexes both over one connection (one Socket.IO manager). Packets of
 * one connection arrive in order, so an ack received on `/annotate` after a revocation proves
 * that neither socket was cut before it: tests check "these stayed" without waiting.
 * `connections: 'each'` gives each namespace its own connection: the server cuts with
 * `disconnect(true)`, which closes the whole connection, so only separate connections show that
 * each namespace was cut by itself.
 */
export interface UserSockets {
  annotate: Socket<ServerToClientEvents, ClientToServerEvents>;
  rounds: Socket<RoundsServerToClientEvents>;
  close(): void;
}

export async function openUserSockets(
  baseUrl: string,
  credential: { cookie: string } | { token: string },
  connections: 'one' | 'each',
): Promise<UserSockets> {
  const manager = () =>
    new Manager(baseUrl, {
      transports: ['websocket'],
      extraHeaders: 'cookie' in credential ? { cookie: credential.cookie } : {},
      reconnection: false,
    });
  const first = manager();
  const second = connections === 'one' ? first : manager();
  const auth = 'token' in credential ? { token: credential.token } : {};
  const annotate: UserSockets['annotate'] = first.socket(annotateNamespace, { auth });
  const rounds: UserSockets['rounds'] = second.socket(roundsNamespace, { auth });
  const close = () => {
    annotate.close();
    rounds.close();
  };
  try {
    await Promise.all([connected(annotate), connected(rounds)]);
  } catch (error) {
    close();
    throw error;
  }
  return { annotate, rounds, close };
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Resolves with the disconnect reason (`io server disconnect` when the server cut it). */
export function disconnection(socket: Socket, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`still connected after ${timeoutMs} ms`), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
