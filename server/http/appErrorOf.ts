import mongoose from 'mongoose';
import { ZodError } from 'zod';
import { ActError } from '../../shared/dialogue/actRules';
import { errorCodeOfRule } from '../../shared/protocol/errorCodes';
import {
  AppError,
  BadRequestError,
  DatabaseUnavailableError,
  PayloadTooLargeError,
  RuleViolationError,
  ValidationError,
} from '../../platform/errors';

/**
 * The known error an exception stands for, or null for a bug. Shared by the HTTP error
 * middleware and the socket acks, so that both speak the same codes.
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof ZodError) {
    return new ValidationError(
      'The request is not valid.',
      error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (error instanceof ActError) {
    return new RuleViolationError(errorCodeOfRule(error.code), error.message);
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
