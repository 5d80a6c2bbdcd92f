import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Connection } from 'mongoose';
import type { Authentication } from './auth/authentication';
import { authRouter } from './auth/authRoutes';
import { bearerTokens, csrfProtection } from './auth/guards';
import { tokenRouter } from './auth/tokenRoutes';
import type { DatabaseKind } from '../platform/database/embedded/types';
import { healthRouter } from './health/healthRoute';
import { apiNotFound, errorMiddleware } from './http/errorMiddleware';
import { jsonBodies } from './http/jsonBodies';
import { requestLog } from './http/requestLog';
import type { Logger } from '../platform/logger';
import { metricsRouter } from './metrics/metricsRoute';
import type { PlatformMetrics } from '../platform/metrics/platformMetrics';
import {
  defaultLimits,
  defaultPasswordLinkMs,
  defaultStudyTimeoutMs,
  type Limits,
} from '../platform/config';
import { datasetRouter } from './datasets/datasetRoutes';
import { openApiRouter } from './openapi/openApiRoute';
import { createLoginLockout } from '../platform/security/loginLockout';
import { authRateLimit } from './security/rateLimits';
import { noSocketRevocation, type SocketRevocation } from './sockets/revocation';
import { roundRouter } from './rounds/roundRoutes';
import type { RoundService } from '../platform/rounds/roundService';
import { goldTaskRouter } from './quality/goldTaskRoutes';
import { myAnnotationsRouter } from './review/myAnnotationsRoutes';
import { reviewRouter } from './review/reviewRoutes';
import { studyRouter } from './studies/studyRoutes';
import { createAccountAdmin } from '../platform/users/accountAdmin';
import { adminUserRouter } from './users/adminUserRoutes';
import {
  createModeration,
  noWorkerControl,
  type WorkerControl,
} from '../platform/users/moderation';
import { createPasswordLinks } from '../platform/users/passwordLinks';
import { passwordLinkRouter } from './users/passwordLinkRoutes';

export interface AppDeps {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
  log: Logger;
  auth: Authentication;
  rounds: RoundService;
  metrics: PlatformMetrics;
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers. */
  trustProxy: boolean;
  /** Production: HTTPS-only resources (Content-Security-Policy upgrade-insecure-requests). */
  production: boolean;
  /** The built web client (client/dist); served when it exists. */
  clientDir: string;
  /** Cuts a blocked user's sockets and frees their lease (platform/users/moderation.ts). */
  workerControl?: WorkerControl;
  /** Ends the sockets of a signed-out session or a deleted API token (server/sockets). */
  revocation?: SocketRevocation;
  /** Rate limits, lockout and import size; generous defaults (platform/config.ts). */
  limits?: Limits;
  /** How long invitation and password-reset links stay valid (platform/config.ts). */
  passwordLinkMs?: number;
  /** Idle time after which an unfinished study participant is `timed_out` (platform/config.ts). */
  studyTimeoutMs?: number;
}

/** The Express application: JSON API under /api, the web client everywhere else. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: deps.production ? [] : null },
      },
    }),
  );
  app.use(jsonBodies('100kb'));

  const limits = deps.limits ?? defaultLimits;
  const authLimit = authRateLimit(limits.authPerMinute);
  const lockout = createLoginLockout(deps.connection, limits);

  const api = express.Router();
  api.use(requestLog(deps.log));
  api.use(openApiRouter());
  api.use(deps.auth.session);
  api.use(deps.auth.passport.initialize());
  api.use(deps.auth.passport.session());
  api.use(bearerTokens(deps.connection));
  // Health is public (monitors poll it without a session); only admins get its details, so it
  // comes after the session. A request without a cookie does not read the session store.
  api.use(healthRouter(deps));
  api.use(csrfProtection);
  const revocation = deps.revocation ?? noSocketRevocation;
  api.use(authRouter(deps.connection, deps.auth, { rateLimit: authLimit, lockout }, revocation));
  api.use(tokenRouter(deps.connection, revocation));
  api.use(
    studyRouter(deps.connection, {
      rateLimit: authLimit,
      timeoutMs: deps.studyTimeoutMs ?? defaultStudyTimeoutMs,
    }),
  );
  api.use(roundRouter(deps.rounds));
  const moderation = createModeration(
    deps.connection,
    deps.workerControl ?? noWorkerControl,
    lockout,
  );
  const passwordLinks = createPasswordLinks(deps.connection, {
    lifetimeMs: deps.passwordLinkMs ?? defaultPasswordLinkMs,
  });
  api.use(passwordLinkRouter(passwordLinks, lockout, authLimit));
  api.use(reviewRouter(deps.connection, moderation));
  api.use(myAnnotationsRouter(deps.connection));
  api.use(
    adminUserRouter(
      moderation,
      createAccountAdmin(deps.connection, {
        links: passwordLinks,
        lockout,
        present: moderation.present,
      }),
    ),
  );
  api.use(goldTaskRouter(deps.connection));
  api.use(metricsRouter(deps.metrics));
  api.use(datasetRouter(deps.connection, { importMaxBytes: limits.importMaxBytes }));
  api.use(apiNotFound);
  app.use('/api', api);

  const index = path.join(deps.clientDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(deps.clientDir, { index: false }));
    // The client routes in the browser: every other GET gets the app shell.
    app.get(/^(?!\/socket\.io\/).*/, (_req, res) => res.sendFile(index));
  } else {
    deps.log.warn(
      { clientDir: deps.clientDir },
      'web client not built; run `npm run build:client`',
    );
  }

  app.use(errorMiddleware(deps.log));
  return app;
}
