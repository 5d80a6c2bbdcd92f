import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import type { Logger } from '../logger';
import {
  AppError,
  BadRequestError,
  DatabaseUnavailableError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from './errors';

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

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof ZodError) {
    return new ValidationError(
      'The request is not valid.',
      error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (isBodyParserError(error)) {
    return error.type === 'entity.too.large'
      ? new PayloadTooLargeError()
      : new BadRequestError(`The request body could not be read: ${error.message}`);
  }
  if (
    error instanceof mongoose.mongo.MongoNetworkError ||
    error instanceof mongoose.mongo.MongoServerSelectionError ||
    error instanceof mongoose.mongo.MongoNotConnectedError
  ) {
    return new DatabaseUnavailableError();
  }
  return null;
}

function isBodyParserError(error: unknown): error is Error & { type: string; status: number } {
  return (
    error instanceof Error &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}
