import { io, type Socket } from 'socket.io-client';
import { roundsNamespace, type RoundsServerToClientEvents } from '../../shared/protocol/rounds';

export type RoundsClient = Socket<RoundsServerToClientEvents>;

/** A real socket.io-client on `/rounds`, signed in by a session cookie (or not at all). */
export function connectRounds(baseUrl: string, cookie: string | null): Promise<RoundsClient> {
  const socket: RoundsClient = io(`${baseUrl}${roundsNamespace}`, {
    transports: ['websocket'],
    extraHeaders: cookie === null ? {} : { cookie },
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
