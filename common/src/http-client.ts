import http from 'node:http';
import fetch, { type Response } from 'node-fetch';
import { HttpError, ServiceUnavailableError, type FieldError } from './errors.js';
import { currentRequestId } from './request-context.js';

// One keep-alive agent for every hop: a fresh TCP connection per call costs 30-50% more CPU.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

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
}

export interface ServiceResponse<T = unknown> {
  status: number;
  data: T;
  headers: Response['headers'];
}

export interface ServiceClient {
  readonly name: string;
  /** Any answer below 500 comes back as it is; a 5xx, a timeout or a refused connection is a 503. */
  request<T = unknown>(method: string, path: string, options?: CallOptions): Promise<ServiceResponse<T>>;
  /** Like request, but any 4xx is thrown on as the same HttpError. */
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<T>;
  /** The raw response, for streaming bodies such as images. */
  raw(path: string, options?: CallOptions): Promise<Response>;
}

function toQueryString(query: CallOptions['query']): string {
  if (!query) return '';
  if (query instanceof URLSearchParams) return query.size ? `?${query}` : '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.size ? `?${params}` : '';
}

export function createServiceClient(name: string, baseUrl: string, defaultTimeoutMs = 5000): ServiceClient {
  const base = baseUrl.replace(/\/$/, '');

  async function send(method: string, path: string, options: CallOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const requestId = currentRequestId();
    if (requestId) headers['x-request-id'] = requestId;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody) {
      headers['content-type'] = options.rawBody.contentType;
      body = options.rawBody.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const url = `${base}${path}${toQueryString(options.query)}`;
    const attempt = () =>
      fetch(url, { method, headers, body, agent, signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs) });
    try {
      return await attempt();
    } catch (err) {
      // A pooled socket the server closed a moment ago: safe to retry once for reads.
      if (method === 'GET' && (err as { code?: string }).code === 'ECONNRESET') {
        try {
          return await attempt();
        } catch {
          throw new ServiceUnavailableError(name);
        }
      }
      throw new ServiceUnavailableError(name);
    }
  }

  async function request<T>(method: string, path: string, options: CallOptions = {}): Promise<ServiceResponse<T>> {
    const res = await send(method, path, options);
    if (res.status >= 500) {
      await res.arrayBuffer().catch(() => undefined);
      throw new ServiceUnavailableError(name);
    }
    const text = await res.text().catch(() => {
      throw new ServiceUnavailableError(name);
    });
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ServiceUnavailableError(name);
    }
    return { status: res.status, data: data as T, headers: res.headers };
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
    async raw(path: string, options: CallOptions = {}): Promise<Response> {
      const res = await send('GET', path, options);
      if (res.status >= 500) throw new ServiceUnavailableError(name);
      return res;
    },
  };
}
