import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { Server as SocketServer } from 'socket.io';
import {
  announceWork,
  annotateNamespaceOf,
  registerAnnotationNamespace,
  socketNotifier,
} from './annotation/annotationNamespace';
import { createAnnotationService } from './annotation/annotationService';
import { createApp } from './app';
import { createAuthentication } from './auth/authentication';
import { foreignOriginProblem } from './auth/crossOrigin';
import { developmentSessionSecret, type Config } from './config';
import type { DatabaseKind } from './database/embedded/types';
import type { Logger } from './logger';
import { createRoundProgressWatch } from './rounds/roundProgressWatch';
import { createRoundService } from './rounds/roundService';
import {
  registerRoundsNamespace,
  roundsNotifier,
  type RoundsNamespace,
} from './rounds/roundsNamespace';

export const defaultClientDir = fileURLToPath(new URL('../client/dist/', import.meta.url));

/** What the server takes from the configuration (defaults suit tests and development). */
export interface ServerSettings {
  sessionSecret: string;
  sessionMaxAgeMs: number;
  trustProxy: boolean;
  production: boolean;
  leaseMs: number;
  /** How often expired sessions and leases are swept. */
  maintenanceIntervalMs: number;
  /** A round's neural Alice must reply within this, or ASTRA answers instead. */
  aliceTurnTimeoutMs: number;
  /** How often rounds are polled for progress written by workers (pushed on `/rounds`). */
  roundProgressPollMs: number;
}

export const defaultServerSettings: ServerSettings = {
  sessionSecret: developmentSessionSecret,
  sessionMaxAgeMs: 24 * 3_600_000,
  trustProxy: false,
  production: false,
  leaseMs: 120_000,
  maintenanceIntervalMs: 5_000,
  roundProgressPollMs: 750,
  aliceTurnTimeoutMs: 2_000,
};

export function serverSettingsOf(config: Config): ServerSettings {
  return {
    ...defaultServerSettings,
    sessionSecret: config.sessionSecret,
    sessionMaxAgeMs: config.sessionMaxAgeMs,
    trustProxy: config.trustProxy,
    production: config.nodeEnv === 'production',
    leaseMs: config.leaseMs,
    aliceTurnTimeoutMs: config.aliceTurnTimeoutMs,
  };
}

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
  settings?: Partial<ServerSettings>;
}): Promise<PlatformServer> {
  const settings = { ...defaultServerSettings, ...options.settings };
  const auth = createAuthentication(options.connection, {
    sessionSecret: settings.sessionSecret,
    sessionMaxAgeMs: settings.sessionMaxAgeMs,
    secureCookies: settings.production,
    trustProxy: settings.trustProxy,
  });
  // The rounds namespace exists once Socket.IO does; progress before that reaches no one.
  let roundsNsp: RoundsNamespace | null = null;
  const progressWatch = createRoundProgressWatch(
    options.connection,
    roundsNotifier(() => roundsNsp),
    options.log.child({ component: 'rounds' }),
    settings.roundProgressPollMs,
  );
  const rounds = createRoundService(options.connection, progressWatch.notify);
  const app = createApp({
    connection: options.connection,
    database: options.database,
    log: options.log,
    auth,
    rounds,
    trustProxy: settings.trustProxy,
    production: settings.production,
    clientDir: options.clientDir ?? defaultClientDir,
  });
  const server = http.createServer(app);
  const io = new SocketServer(server, {
    serveClient: false,
    // Acts and selections are tiny; a larger message closes the connection.
    maxHttpBufferSize: 64 * 1024,
    // Cookies authenticate sockets, so a page of another site must not open one (CSWSH).
    allowRequest: (req, callback) =>
      callback(null, foreignOriginProblem(req.headers, req.headers.host) === null),
  });
  // The same session as the REST API authenticates sockets.
  io.engine.use(auth.session);
  roundsNsp = registerRoundsNamespace(io, {
    connection: options.connection,
    auth,
    log: options.log.child({ component: 'rounds' }),
  });
  const annotate = annotateNamespaceOf(io);
  const annotation = createAnnotationService({
    connection: options.connection,
    leaseMs: settings.leaseMs,
    aliceTurnTimeoutMs: settings.aliceTurnTimeoutMs,
    notify: socketNotifier(annotate),
    log: options.log.child({ component: 'annotation' }),
  });
  registerAnnotationNamespace(annotate, {
    connection: options.connection,
    auth,
    service: annotation,
    log: options.log.child({ component: 'annotate' }),
  });

  // Upkeep by query (no TTL indexes): expired leases and sessions, records left unwritten.
  let sweeps = 0;
  const maintenance = setInterval(() => {
    annotation
      .maintain()
      .then(({ openTasks }) => (openTasks ? announceWork(annotate) : undefined))
      .catch((error: unknown) => options.log.warn({ err: error }, 'annotation upkeep failed'));
    if (sweeps++ % 60 === 0) {
      auth.store
        .pruneExpired()
        .catch((error: unknown) => options.log.warn({ err: error }, 'could not prune sessions'));
    }
  }, settings.maintenanceIntervalMs);
  maintenance.unref();
  progressWatch.start();

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
      clearInterval(maintenance);
      progressWatch.stop();
      // io.close() also closes the HTTP server.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      server.closeAllConnections();
    },
  };
}
