import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { Server as SocketServer } from 'socket.io';
import {
  announceWork,
  annotateNamespaceOf,
  registerAnnotationNamespace,
  socketNotifier,
} from './annotation/annotationNamespace';
import {
  createAnnotationService,
  type AnnotationService,
} from '../platform/annotation/annotationService';
import { createApp } from './app';
import { createAuthentication } from './auth/authentication';
import { mongoPollingAdapter } from './cluster/pollingAdapter';
import { SocketEventLog } from './cluster/socketEventLog';
import { foreignOriginProblem } from './auth/crossOrigin';
import { loadConfig, type Config, type Limits, type NoAttemptThresholds } from '../platform/config';
import type { DatabaseKind } from '../platform/database/embedded/types';
import { trackInFlightRequests } from './http/inFlightRequests';
import type { Logger } from '../platform/logger';
import { createQualityChecks } from '../platform/quality/qualityChecks';
import { defaultFlagThresholds } from '../shared/quality/annotationFlags';
import type { WorkerControl } from '../platform/users/moderation';
import { createPlatformMetrics } from '../platform/metrics/platformMetrics';
import { eventLimiters } from './security/rateLimits';
import { closeDefaultNamespace } from './sockets/defaultNamespace';
import { createSocketRevocation } from './sockets/revocation';
import { createRoundProgressWatch } from '../platform/rounds/roundProgressWatch';
import { createRoundService } from '../platform/rounds/roundService';
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
  /**
   * How often annotations that completed without their record or quality check (a crash in
   * between) are looked for: a scan of the annotations, so less often than the sweep.
   */
  recoveryIntervalMs: number;
  /** Quality check: mean time per act below this flags an annotation `too_fast`. */
  minMsPerAct: number;
  /** Quality check: a no-deal annotation with fewer worker offers / acts is flagged `no_attempt`. */
  noAttempt: NoAttemptThresholds;
  /** Gold rate of gold tasks outside rounds. */
  defaultGoldRate: number;
  /** The draw behind gold-preferring claims (tests fix it). */
  goldRandom?: () => number;
  /**
   * `local`: one server process. `mongodb`: several processes behind a load balancer share
   * Socket.IO broadcasts and room operations through a message log in the database.
   */
  socketAdapter: 'local' | 'mongodb';
  /** Rate limits, login lockout, import size (platform/config.ts). */
  limits: Limits;
  /** How long invitation and password-reset links stay valid. */
  passwordLinkMs: number;
  /** Idle time after which an unfinished study participant counts as timed out. */
  studyTimeoutMs: number;
  /** A round's neural Alice must reply within this, or ASTRA answers instead. */
  aliceTurnTimeoutMs: number;
  /** How often rounds are polled for progress written by workers (pushed on `/rounds`). */
  roundProgressPollMs: number;
}

export function serverSettingsOf(config: Config): ServerSettings {
  return {
    sessionSecret: config.sessionSecret,
    sessionMaxAgeMs: config.sessionMaxAgeMs,
    trustProxy: config.trustProxy,
    production: config.nodeEnv === 'production',
    leaseMs: config.leaseMs,
    maintenanceIntervalMs: 5_000,
    recoveryIntervalMs: 60_000,
    minMsPerAct: config.minMsPerAct,
    noAttempt: config.noAttempt,
    defaultGoldRate: config.defaultGoldRate,
    socketAdapter: config.socketAdapter,
    limits: config.limits,
    passwordLinkMs: config.passwordLinkMs,
    studyTimeoutMs: config.studyTimeoutMs,
    roundProgressPollMs: 750,
    aliceTurnTimeoutMs: config.aliceTurnTimeoutMs,
  };
}

/** The settings of an empty environment: the configuration's own defaults (platform/config.ts). */
export const defaultServerSettings: ServerSettings = serverSettingsOf(loadConfig({}));

export interface PlatformServer {
  url: string;
  /** The Express application (tests walk its routes). */
  app: Express;
  http: http.Server;
  io: SocketServer;
  /** Stops accepting connections, closes sockets; the database connection stays the caller's. */
  close(): Promise<void>;
}

/** How long shutdown waits for HTTP handlers in flight before it stops anyway. */
const inFlightGraceMs = 10_000;

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
  // Revocation reaches the namespaces as they are made (below), before the server listens.
  const revocation = createSocketRevocation();
  // Blocking a worker reaches their lease, which exists once the annotation service does.
  let annotationService: AnnotationService | null = null;
  const workerControl: WorkerControl = {
    disconnect: (userId) => revocation.user(userId),
    releaseLeases: async (userId) => {
      await annotationService?.releaseWorker(userId);
    },
  };
  // The annotate namespace exists once Socket.IO does; until then no socket is open.
  let annotateSockets = () => 0;
  const metrics = createPlatformMetrics({
    connection: options.connection,
    annotateSockets: () => annotateSockets(),
  });
  const rounds = createRoundService(options.connection, progressWatch.notify);
  const app = createApp({
    workerControl,
    revocation,
    metrics,
    connection: options.connection,
    database: options.database,
    log: options.log,
    auth,
    rounds,
    trustProxy: settings.trustProxy,
    production: settings.production,
    clientDir: options.clientDir ?? defaultClientDir,
    limits: settings.limits,
    passwordLinkMs: settings.passwordLinkMs,
    studyTimeoutMs: settings.studyTimeoutMs,
  });
  const server = http.createServer(app);
  const requests = trackInFlightRequests(server);
  const io = new SocketServer(server, {
    serveClient: false,
    // Acts and selections are tiny; a larger message closes the connection.
    maxHttpBufferSize: 64 * 1024,
    // Cookies authenticate sockets, so a page of another site must not open one (CSWSH).
    allowRequest: (req, callback) =>
      callback(null, foreignOriginProblem(req.headers, req.headers.host) === null),
  });
  let socketEvents: SocketEventLog | null = null;
  if (settings.socketAdapter === 'mongodb') {
    socketEvents = new SocketEventLog(options.connection, {
      pollMs: 50,
      gapWaitMs: 2_000,
      retentionMs: 60_000,
      log: options.log.child({ component: 'cluster' }),
    });
    await socketEvents.start();
    io.adapter(mongoPollingAdapter(socketEvents));
  }
  // The same session as the REST API authenticates sockets.
  io.engine.use(auth.session);
  closeDefaultNamespace(io);
  roundsNsp = registerRoundsNamespace(io, {
    connection: options.connection,
    auth,
    log: options.log.child({ component: 'rounds' }),
  });
  const annotate = annotateNamespaceOf(io);
  revocation.cover(roundsNsp);
  revocation.cover(annotate);
  const quality = createQualityChecks(
    options.connection,
    {
      thresholds: {
        ...defaultFlagThresholds,
        minMsPerTurn: settings.minMsPerAct,
        noAttemptMinOffers: settings.noAttempt.minOffers,
        noAttemptMinActs: settings.noAttempt.minActs,
      },
      defaultGoldRate: settings.defaultGoldRate,
      random: settings.goldRandom,
    },
    options.log.child({ component: 'quality' }),
  );
  annotateSockets = () => annotate.sockets.size;
  const annotation = createAnnotationService({
    connection: options.connection,
    leaseMs: settings.leaseMs,
    aliceTurnTimeoutMs: settings.aliceTurnTimeoutMs,
    notify: socketNotifier(annotate),
    log: options.log.child({ component: 'annotation' }),
    quality,
    onLeaseExpired: () => metrics.leaseExpiries.inc(),
  });
  annotationService = annotation;
  registerAnnotationNamespace(annotate, {
    connection: options.connection,
    auth,
    service: annotation,
    log: options.log.child({ component: 'annotate' }),
    limiters: eventLimiters(settings.limits),
    timings: {
      event: (event, outcome, seconds) =>
        metrics.socketEventSeconds.observe({ event, outcome }, seconds),
      aliceReply: (agent, seconds) => metrics.aliceReplySeconds.observe({ agent }, seconds),
    },
  });

  // Upkeep by query (no TTL indexes): expired leases and sessions, records left unwritten.
  const recoverEvery = Math.max(
    1,
    Math.round(settings.recoveryIntervalMs / settings.maintenanceIntervalMs),
  );
  let sweeps = 0;
  const maintenance = setInterval(() => {
    annotation
      .maintain(new Date(), { recover: sweeps % recoverEvery === 0 })
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
    app,
    http: server,
    io,
    close: async () => {
      clearInterval(maintenance);
      progressWatch.stop();
      // io.close() also closes the HTTP server.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // Handlers still running (their clients may have gone) finish before the caller closes
      // the database under them; one that hangs is not waited for past the bound.
      if (!(await requests.idle(inFlightGraceMs))) {
        options.log.warn(
          { requests: requests.count() },
          'stopping with requests still in flight after the grace period',
        );
      }
      await socketEvents?.stop();
      await annotation.close();
      server.closeAllConnections();
    },
  };
}
