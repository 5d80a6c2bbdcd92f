import type { ErrorCode } from '../shared/protocol/errorCodes';

/**
 * The errors a request can end with. Each has an HTTP status and a stable `code` that clients
 * (the web app, researchers' scripts, socket acks) can rely on; `errorMiddleware` maps them.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'validation_failed', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/**
 * A record id already held by a record the writer did not create (another round, an import):
 * the write must fail loudly, not count as done (issue: pre-claimed ids silently emptied a round).
 * The job runner fails such a job for good: retrying cannot free the id.
 */
export class RecordIdTakenError extends ConflictError {
  constructor(id: string) {
    super(`Record id ${id} is already held by a record this write did not create.`);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request body is too large.') {
    super(413, 'payload_too_large', message);
  }
}

/** A body in a format the route does not read (e.g. JSON sent to the JSONL import). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor(message = 'The database is unavailable; nothing was written. Try again shortly.') {
    super(503, 'database_unavailable', message);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor(message = 'Wrong username or password.') {
    super(401, 'invalid_credentials', message);
  }
}

export class AccountBlockedError extends AppError {
  constructor(message = 'This account is blocked.') {
    super(403, 'account_blocked', message);
  }
}

/** A cookie-authenticated write that did not come from Parley's own pages (see server/auth/crossOrigin.ts). */
export class CsrfRejectedError extends AppError {
  constructor(message: string) {
    super(403, 'csrf_rejected', message);
  }
}

export class StudyClosedError extends AppError {
  constructor(message = 'This study is not open.') {
    super(403, 'study_closed', message);
  }
}

/** A study entry without a valid signature or with an unknown one-time code. */
export class EntryUnverifiedError extends AppError {
  constructor(message: string) {
    super(403, 'entry_unverified', message);
  }
}

/** A one-time entry code that was already used. */
export class EntryReplayedError extends AppError {
  constructor(message = 'This one-time code was already used; each code admits one participant.') {
    super(409, 'entry_replayed', message);
  }
}

/** A study whose participant quota is reached. */
export class StudyFullError extends AppError {
  constructor(
    message = 'This study has all the participants it needs; thank you for your interest.',
  ) {
    super(409, 'study_full', message);
  }
}

/**
 * An evaluation participant asked for their next dialogue before answering the questionnaire
 * of the one they finished; `details` names it (and what to ask) so the workspace can show it.
 */
export class QuestionnairePendingError extends AppError {
  constructor(taskId: string, info: unknown) {
    super(
      409,
      'questionnaire_pending',
      'Answer the questions about your last partner before the next negotiation.',
      { taskId, evaluation: info },
    );
  }
}

/** The worker's lease on a task ran out (or was given up); the task went back to the queue. */
export class LeaseExpiredError extends AppError {
  constructor(message = 'Your lease on this task has ended; claim a new task.') {
    super(409, 'lease_expired', message);
  }
}

export class SeqReusedError extends AppError {
  constructor(seq: number) {
    super(409, 'seq_reused', `Sequence number ${seq} was already used for a different act.`);
  }
}

export class RateLimitedError extends AppError {
  constructor(message = 'Too many requests; slow down.') {
    super(429, 'rate_limited', message);
  }
}

/** Too many failed sign-ins of one account: it is locked until the window ends. */
export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'account_locked',
      `Too many failed sign-ins; this account is locked for ${Math.ceil(retryAfterSeconds / 60)} min.`,
    );
  }
}

/** A move the dialogue rules forbid; the code is the rule's (e.g. `not_your_turn`). */
export class RuleViolationError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(422, code, message);
  }
}
