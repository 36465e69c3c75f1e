import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type FieldError, HttpError, ServiceUnavailableError } from './errors.js';
import { currentClientIp, currentRequestId } from './request-context.js';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface CallOptions {
  query?: Query | URLSearchParams;
  /** sent as JSON */
  body?: unknown;
  /** sent as it is, with its own content type (an image, a CSV file) */
  rawBody?: { data: Buffer | string; contentType: string };
  /** bearer token: the caller's own when acting for a user, or a service token */
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /**
   * The call may be sent twice although it is not a GET and carries no Idempotency-Key: a lookup
   * sent as a POST, or a write its receiver recognises by an id in the body. Such calls, like safe
   * ones, are retried while the receiver restarts.
   */
  idempotent?: boolean;
}

export interface ServiceResponse<T = unknown> {
  status: number;
  data: T;
  headers: ResponseHeaders;
}

export interface ResponseHeaders {
  get(name: string): string | null;
}

/** An answer whose body is read as a stream (images, CSV exports). */
export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: Readable;
  /** Reads the body as JSON (for an error answer instead of the stream). */
  json(): Promise<unknown>;
}

export interface ServiceClient {
  readonly name: string;
  /** Any answer below 500 comes back as it is; a 5xx, a timeout or a refused connection is a 503. */
  request<T = unknown>(method: string, path: string, options?: CallOptions): Promise<ServiceResponse<T>>;
  /** Like request, but any 4xx is thrown on as the same HttpError. */
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<T>;
  /** The raw response, for streaming bodies such as images. */
  raw(path: string, options?: CallOptions): Promise<RawResponse>;
}

function toQueryString(query: CallOptions['query']): string {
  if (!query) return '';
  if (query instanceof URLSearchParams) return query.size ? `?${query}` : '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.size ? `?${params}` : '';
}

function headersOf(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The neighbour closed the socket before it answered: it may or may not have acted on the call. */
const CUT_OFF = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
/** Calls that may be sent twice: they change nothing, or the receiver recognises a repeat. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * How long a neighbour that served before and now refuses connections is waited for: long enough
 * for a restart (a service stops and boots again in 2-3 s here, over 10 s on a machine under heavy
 * load). One that refuses for longer is down, and so is one that never answered: calls then fail
 * at once, each still trying once, so the first one after its return gets through.
 */
// Read where the module loads, like the rest of this client's settings; common/src/config.ts
// validates and documents the variable with every service's configuration.
const RESTART_WINDOW_MS = Number(process.env.SERVICE_RESTART_WINDOW_SECONDS || 15) * 1000;
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800, ...Array<number>(15).fill(1000)];
/**
 * How long a pooled socket may sit idle. A neighbour that drains (SIGTERM) answers with
 * `Connection: close` for SHUTDOWN_DELAY_SECONDS, then closes the sockets still idle, and a call
 * written to one at that moment is reset, sent or not. Letting ours go within half the delay means
 * none is left to cut. The delay is the same for every service (deploy/kubernetes/base/pod-defaults.yaml).
 */
const SHUTDOWN_DELAY_MS = Number(process.env.SHUTDOWN_DELAY_SECONDS || 0) * 1000;
const IDLE_SOCKET_MS = SHUTDOWN_DELAY_MS > 0 ? SHUTDOWN_DELAY_MS / 2 : 30_000;

/**
 * The one way services call each other: an undici connection pool per neighbour, kept alive.
 * (undici costs a third of the CPU per call that node-fetch did here: 140 against 430 µs.)
 */
/**
 * How long an answer is waited for. Longer than the restart window, so a call whose receiver is
 * itself waiting out the restart of a service further down still gets its answer.
 */
const DEFAULT_TIMEOUT_MS = 20_000;

export function createServiceClient(
  name: string,
  baseUrl: string,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  restartWindowMs = RESTART_WINDOW_MS,
  idleSocketMs = IDLE_SOCKET_MS,
): ServiceClient {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/$/, '');
  // The cap also wins over the Keep-Alive hint of our servers (65 s, for load balancers).
  const pool = new Pool(url.origin, { connections: 128, keepAliveTimeout: idleSocketMs, keepAliveMaxTimeout: idleSocketMs, pipelining: 1 });
  // Whether the neighbour ever answered, and since when it has refused (see RESTART_WINDOW_MS).
  let served = false;
  let refusingSince: number | undefined;

  async function send(method: string, path: string, options: CallOptions) {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const requestId = currentRequestId();
    if (requestId) headers['x-request-id'] = requestId;
    const clientIp = currentClientIp();
    if (clientIp) headers['x-client-ip'] = clientIp;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody) {
      headers['content-type'] = options.rawBody.contentType;
      body = options.rawBody.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const timeout = options.timeoutMs ?? defaultTimeoutMs;
    const attempt = () =>
      pool.request({
        path: `${prefix}${path}${toQueryString(options.query)}`,
        method: method as 'GET',
        headers,
        body,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    const repeatable =
      options.idempotent === true || SAFE.has(method) || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    for (let retry = 0; ; retry++) {
      try {
        const res = await attempt();
        served = true;
        refusingSince = undefined;
        return res;
      } catch (err) {
        // A refused connection carried no request, so any call may be sent again; one cut off after
        // it was sent is sent again only if a repeat cannot act twice.
        const code = (err as { code?: string }).code ?? '';
        if (!(code === 'ECONNREFUSED' || (repeatable && CUT_OFF.has(code)))) throw new ServiceUnavailableError(name);
        refusingSince ??= Date.now();
        const delay = RETRY_DELAYS_MS[retry];
        // A neighbour that never answered is not restarting: it is down, or not there at all.
        const neverServed = code === 'ECONNREFUSED' && !served;
        if (neverServed || delay === undefined || Date.now() - refusingSince + delay > restartWindowMs) {
          throw new ServiceUnavailableError(name);
        }
        await sleep(delay);
      }
    }
  }

  async function request<T>(method: string, path: string, options: CallOptions = {}): Promise<ServiceResponse<T>> {
    const res = await send(method, path, options);
    if (res.statusCode >= 500) {
      await res.body.dump().catch(() => undefined);
      throw new ServiceUnavailableError(name);
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch {
      throw new ServiceUnavailableError(name);
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ServiceUnavailableError(name);
    }
    return { status: res.statusCode, data: data as T, headers: headersOf(res.headers) };
  }

  return {
    name,
    request,
    async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
      const res = await request<T & { detail?: string; errors?: [] }>(method, path, options);
      if (res.status >= 400) {
        const { detail, errors, ...extra } = (res.data ?? {}) as { detail?: string; errors?: FieldError[] };
        throw new HttpError(res.status, detail ?? `${name} refused the request`, errors, extra);
      }
      return res.data;
    },
    async raw(path: string, options: CallOptions = {}): Promise<RawResponse> {
      const res = await send('GET', path, options);
      if (res.statusCode >= 500) {
        await res.body.dump().catch(() => undefined);
        throw new ServiceUnavailableError(name);
      }
      return { status: res.statusCode, headers: headersOf(res.headers), body: res.body, json: () => res.body.json() };
    },
  };
}
