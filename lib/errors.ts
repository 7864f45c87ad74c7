import "server-only";
import { isDatabaseUnavailable } from "./db-unavailable";

// Domain errors: thrown by the verbs in lib/, mapped to HTTP in one place (httpError).
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message, 422, fieldErrors);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message, 400, fieldErrors);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Sign in first.") {
    super(message, 401);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do that.") {
    super(message, 403);
  }
}
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}
/** The version of a post someone else saved, carried by an edit conflict. */
export type CurrentVersion = { headline: string | null; body: string; version: number };

export class ConflictError extends AppError {
  constructor(
    message: string,
    fieldErrors: Record<string, string[]> = {},
    /** For an edit conflict: what is saved now, so the editor can see and load it. */
    readonly current?: CurrentVersion,
  ) {
    super(message, 409, fieldErrors);
  }
}

/** An idempotency key sent again with a different request: nothing was written. */
export class IdempotencyKeyReusedError extends AppError {
  constructor(
    message = "This idempotency key was already used for a different request, so nothing was done. Use a new key for a new request, and the same key only to retry the very same request.",
  ) {
    super(message, 422, { idempotencyKey: ["Already used for a different request."] });
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

/** Postgres is unreachable (restarting, failing over, overloaded): try again shortly. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message = "The database is unavailable right now, so nothing was saved. Try again in a moment.",
    readonly retryAfterSeconds = 5,
  ) {
    super(message, 503);
  }
}

/** The image store (an S3 bucket) could not be reached, or refused: nothing was stored or read. */
export class StorageUnavailableError extends ServiceUnavailableError {
  constructor(cause?: unknown) {
    super("The image store is unavailable right now, so nothing was saved. Try again in a moment.");
    this.cause = cause;
  }
}

/**
 * The error as a domain error: AppErrors as they are, a lost database as
 * ServiceUnavailableError, input the database could not store as BadRequestError; null
 * for anything else (a bug: let it be a 500).
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError();
  return unstorableInput(error);
}

/**
 * Postgres cannot store NUL in text (and refuses bytes that are not UTF-8): such input
 * fails in the database, inside the verb's transaction, which rolls back. It was bad
 * input, not a bug, so it answers 400 like any other — wherever it slipped through.
 */
export function unstorableInput(error: unknown): BadRequestError | null {
  // Prisma checks a query's arguments before sending anything: a wrong type there (a
  // server action's argument is whatever the client sent) was refused, nothing written.
  if ((error as { name?: unknown } | null)?.name === "PrismaClientValidationError") {
    return new BadRequestError("The request was malformed.");
  }
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  const code = cause?.originalCode;
  if (code === "22021" || code === "22P05" || code === "54000") {
    return new BadRequestError("The request contains characters that cannot be stored (such as NUL).");
  }
  return null;
}

/** A JSON error response for a route handler; unknown errors are rethrown (a real 500). */
export function httpError(error: unknown): Response {
  const known = toAppError(error);
  if (!known) throw error;
  const headers: Record<string, string> = {};
  if (known instanceof ServiceUnavailableError || known instanceof TooManyRequestsError) {
    headers["Retry-After"] = String(known.retryAfterSeconds);
  }
  return Response.json({ error: known.message, fieldErrors: known.fieldErrors }, { status: known.status, headers });
}
