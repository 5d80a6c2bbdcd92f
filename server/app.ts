import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import type { DatabaseKind } from './database/embedded/types';
import { healthRouter } from './health/healthRoute';
import { apiNotFound, errorMiddleware } from './http/errorMiddleware';
import type { Logger } from './logger';

export interface AppDeps {
  connection: Connection;
  database: { kind: DatabaseKind; version: string | null };
  log: Logger;
  /** The built web client (client/dist); served when it exists. */
  clientDir: string;
}

/** The Express application: JSON API under /api, the web client everywhere else. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  const api = express.Router();
  api.use(healthRouter(deps));
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
