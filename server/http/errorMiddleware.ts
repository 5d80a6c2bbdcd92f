import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../platform/logger';
import { toAppError } from './appErrorOf';
import { NotFoundError } from '../../platform/errors';

/** The one place where errors become HTTP responses: `{ error: { code, message, details? } }`. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toAppError(error);
    if (known === null) {
      log.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
      res.status(500).json({ error: { code: 'internal', message: 'Internal server error.' } });
      return;
    }
    if (known.status >= 500) {
      log.warn({ err: error, method: req.method, url: req.originalUrl }, known.message);
    }
    const body: { code: string; message: string; details?: unknown } = {
      code: known.code,
      message: known.message,
    };
    if (known.details !== undefined) {
      body.details = known.details;
    }
    res.status(known.status).json({ error: body });
  };
}

/** Unknown `/api/*` paths get a JSON 404 rather than the web app. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No API route ${req.method} ${req.path}.`));
};
