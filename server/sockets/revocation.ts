import type { SocketData } from '../../shared/protocol/socketContract';
import { roomsOf, sessionRoom, tokenRoom, userRoom } from './credentialRooms';

/**
 * Ends sockets by who or what signed them in, in every namespace at once and (with the cluster
 * adapter, server/cluster) on every server process. The REST side calls it after the write that
 * revokes: blocking or changing a user's roles, deleting an API token, signing out.
 */
export interface SocketRevocation {
  /** Every socket of the user: blocked, or roles changed (sockets carry the roles they had). */
  user(userId: string): void;
  /** Every socket opened with this API token. */
  token(tokenId: string): void;
  /** Every socket opened with this session. */
  session(sessionId: string): void;
}

export const noSocketRevocation: SocketRevocation = {
  user: () => undefined,
  token: () => undefined,
  session: () => undefined,
};

/** The part of a Socket.IO namespace revocation uses (any event maps). */
export interface RevocableNamespace {
  in(room: string): { disconnectSockets(close?: boolean): void };
  on(
    event: 'connection',
    listener: (socket: { data: SocketData; join(rooms: string[]): unknown }) => void,
  ): unknown;
}

export interface SocketRevocationRegistry extends SocketRevocation {
  /**
   * Makes a namespace's sockets revocable: each joins its user's and its credential's rooms on
   * connection. Every namespace that admits signed-in sockets must be covered.
   */
  cover(namespace: RevocableNamespace): void;
}

/** Created before Socket.IO (the REST app needs it); namespaces are covered as they are made. */
export function createSocketRevocation(): SocketRevocationRegistry {
  const namespaces: RevocableNamespace[] = [];
  const cut = (room: string) => {
    for (const namespace of namespaces) {
      namespace.in(room).disconnectSockets(true);
    }
  };
  return {
    user: (userId) => cut(userRoom(userId)),
    token: (tokenId) => cut(tokenRoom(tokenId)),
    session: (sessionId) => cut(sessionRoom(sessionId)),
    cover(namespace) {
      namespaces.push(namespace);
      namespace.on('connection', (socket) => void socket.join(roomsOf(socket.data)));
    },
  };
}
