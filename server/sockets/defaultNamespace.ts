import type { Server } from 'socket.io';
import { refusal } from '../annotation/socketAuth';

/**
 * Socket.IO always serves the default namespace `/`; Parley uses only `/annotate` and `/rounds`,
 * so every handshake there is refused (no anonymous sockets held open for nothing).
 */
export function closeDefaultNamespace(io: Server): void {
  io.of('/').use((_socket, next) =>
    next(refusal('not_found', 'The namespace / serves nothing; connect to /annotate or /rounds.')),
  );
}
