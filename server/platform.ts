import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { Server as SocketServer } from 'socket.io';
import { createApp } from './app';
import type { DatabaseKind } from './database/embedded/types';
import type { Logger } from './logger';

export const defaultClientDir = fileURLToPath(new URL('../client/dist/', import.meta.url));

export interface PlatformServer {
  url: string;
  http: http.Server;
  io: SocketServer;
  /** Stops accepting connections, closes sockets; the database connection stays the caller's. */
  close(): Promise<void>;
}

/** Express and Socket.IO on one HTTP server, listening on host:port (port 0 picks a free one). */
export async function startServer(options: {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
  log: Logger;
  host: string;
  port: number;
  clientDir?: string;
}): Promise<PlatformServer> {
  const app = createApp({
    connection: options.connection,
    database: options.database,
    log: options.log,
    clientDir: options.clientDir ?? defaultClientDir,
  });
  const server = http.createServer(app);
  const io = new SocketServer(server, { serveClient: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost =
    options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    http: server,
    io,
    close: async () => {
      // io.close() also closes the HTTP server.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      server.closeAllConnections();
    },
  };
}
