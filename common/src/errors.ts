import type { ErrorRequestHandler, RequestHandler } from 'express';
import { type Logger, logServerError } from './logger.js';
import { isDatabaseUnavailable, isUnstorableInput } from './pg-errors.js';

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type: thrown from anywhere, answered as `{"detail"}` by `errorHandler`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** More fields for the body, for machines: e.g. `{product_id, available}` on a stock conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export class ValidationError extends HttpError {
  constructor(errors: FieldError[]) {
    super(422, errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '), errors);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(service: string) {
    super(503, `${service} unavailable`);
  }
}

/** A 429 that tells the client when to come back (the Retry-After header, in seconds). */
export class TooManyRequestsError extends HttpError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, detail, undefined, { retry_after: retryAfterSeconds });
  }
}

export const notFound = (detail = 'not found') => new HttpError(404, detail);

/** Errors thrown by body-parser and friends carry a 4xx `status` and a `type`. */
function clientErrorOf(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  const e = err as { status?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  // Whichever field it came in, a value PostgreSQL cannot hold is the caller's: a 400, not a 500.
  if (isUnstorableInput(err)) {
    return new HttpError(400, 'the request contains a character or value that is not allowed');
  }
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return null;
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'request body is not valid JSON');
  if (e.type === 'entity.too.large') return new HttpError(413, 'request body is too large');
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new HttpError(415, 'unsupported request body encoding');
  }
  return new HttpError(e.status, e.expose && typeof e.message === 'string' ? e.message : 'bad request');
}

/** Maps any error to a status and a body without leaking a stack or an internal message. */
export function toHttpError(err: unknown): HttpError {
  if (isDatabaseUnavailable(err)) return new HttpError(503, 'the service cannot reach its database: try again shortly');
  return clientErrorOf(err) ?? new HttpError(500, 'internal server error');
}

/** Seconds a client should wait before retrying a 503: long enough for a database to restart. */
export const RETRY_AFTER_SECONDS = 5;

export const notFoundHandler: RequestHandler = () => {
  throw notFound();
};

/** The JSON error handler, registered last in every service. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) {
      logServerError(logger, req, err);
    }
    if (res.headersSent) return;
    if (httpError instanceof TooManyRequestsError) res.set('retry-after', String(httpError.retryAfterSeconds));
    if (httpError.status === 503 && !res.get('retry-after')) res.set('retry-after', String(RETRY_AFTER_SECONDS));
    const body: Record<string, unknown> = { ...httpError.extra, detail: httpError.detail };
    if (httpError.errors) body.errors = httpError.errors;
    res.status(httpError.status).json(body);
  };
}
