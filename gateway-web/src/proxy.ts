import type { ServiceClient } from '@dm/common/http-client';
import type { Request, Response } from 'express';
import { requestToken } from './auth-cookie.js';

/** The query string exactly as the caller sent it, so the service does all the validating. */
export function rawQuery(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : req.originalUrl.slice(at + 1));
}

/**
 * Passes an API call to the service that owns it, with the caller's own token: the service
 * decides who may do what, and its answer (status and body) comes back unchanged.
 */
export async function forward(
  client: ServiceClient,
  req: Request,
  res: Response,
  path: string,
  body: unknown = req.method === 'GET' || req.method === 'DELETE' ? undefined : (req.body ?? {}),
): Promise<void> {
  // Retries of a checkout or a payment must reach the service with the key they were sent with.
  const key = req.get('idempotency-key');
  const result = await client.request(req.method, path, {
    query: rawQuery(req),
    body,
    token: requestToken(req),
    headers: key === undefined ? undefined : { 'idempotency-key': key },
  });
  for (const name of ['cache-control', 'retry-after']) {
    const value = result.headers.get(name);
    if (value) res.set(name, value);
  }
  if (result.data === undefined) res.status(result.status).end();
  else res.status(result.status).json(result.data);
}
