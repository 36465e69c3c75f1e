import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { clientIpFrom, requestIdFrom, runWithRequestId } from './request-context.js';
import { traceFields, tracingOn } from './trace-context.js';

export type Logger = pino.Logger;

// Secrets, tokens and hashes never reach a log line, wherever they sit in the logged object.
const REDACT = [
  'password',
  'password_hash',
  'access_token',
  'token',
  'card',
  '*.password',
  '*.password_hash',
  '*.access_token',
  '*.token',
  '*.card',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** Errors are logged by type, message and code: no stack trace ever reaches a log line. */
function serializeError(value: unknown): Record<string, unknown> {
  // pino-http's request loggers pass an error already serialized, the original kept as `raw`.
  const err = value !== null && typeof value === 'object' && 'raw' in value ? (value as { raw: unknown }).raw : value;
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; status?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  if (e.code !== undefined) out.code = e.code;
  if (e.status !== undefined) out.status = e.status;
  return out;
}

export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    // With tracing on, a line logged while serving a traced request names its trace and span.
    ...(tracingOn() ? { mixin: traceFields } : {}),
  });
}

/**
 * Request logging plus the request id: taken from `x-request-id` or made up, echoed in the reply,
 * and kept in async context so outgoing service calls carry it on, with the client's address: the
 * gateway's `req.ip` (see TRUST_PROXY), which services behind it read from `x-client-ip`
 * (`clientIpHeader`: never on the public gateway, where anyone could send one).
 */
export function requestLogger(logger: Logger, { clientIpHeader = false }: { clientIpHeader?: boolean } = {}): RequestHandler {
  const clientIp = (req: Parameters<RequestHandler>[0]) => (clientIpHeader ? clientIpFrom(req.headers['x-client-ip']) : req.ip);
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  });
  // Above info nothing per request is logged: keep the request id, skip the per-request logger.
  if (!logger.isLevelEnabled('info')) {
    return (req, res, next) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('x-request-id', id);
      runWithRequestId(id, next, clientIp(req));
    };
  }
  return (req, res, next) => {
    httpLogger(req, res);
    runWithRequestId(String(req.id), next, clientIp(req));
  };
}

/** Logs a failed request at error level, with the request's own logger (and so its id) when it has one. */
export function logServerError(logger: Logger, req: { method: string; originalUrl: string }, err: unknown): void {
  const log = (req as { log?: Logger }).log ?? logger;
  log.error({ err }, `${req.method} ${req.originalUrl} failed`);
}
