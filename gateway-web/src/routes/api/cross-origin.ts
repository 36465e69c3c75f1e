import { bearerToken } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import cors from 'cors';
import type { Request, RequestHandler } from 'express';
import { AUTH_COOKIE } from '../../auth-cookie.js';

/** The request headers a client of the API sends besides the simple ones. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a browser sent the request from a page of another origin. An opaque origin ("null":
 * a sandboxed frame, a file) is never one of the shop's own pages either.
 */
function foreignOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * A write authenticated by the cookie that says nothing of where it comes from. Browsers send
 * Origin on every cross-site write, but some older ones and some redirects do not: without it,
 * only a browser's own `Sec-Fetch-Site: same-origin` proves the shop's page sent it.
 */
function cookieWithoutOrigin(req: Request): boolean {
  if (req.headers.origin !== undefined || bearerToken(req) !== undefined) return false;
  if (req.cookies?.[AUTH_COOKIE] === undefined) return false;
  return req.headers['sec-fetch-site'] !== 'same-origin';
}

/**
 * The API's cross-origin policy, as three middlewares. First CORS for the allowlisted origins: the
 * preflight is answered with the API's methods and headers, and Access-Control-Allow-Credentials is
 * never sent, so a browser never sends the cookie along nor shows a page an answer the cookie
 * earned; a refused origin's preflight is a 403. Then the cookie rule: it is the shop's own pages'
 * credential, so a request from another origin is authenticated by a Bearer token only, and a write
 * from an origin off the list without a token is refused as the cross-site forgery it likely is
 * (a login form posted from another site, say).
 */
export function crossOrigin(origins: readonly string[], methods: readonly string[]): RequestHandler[] {
  const allowed = new Set(origins);
  const withCors = cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: [...methods],
    allowedHeaders: ALLOWED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
  const refusePreflight: RequestHandler = (req, _res, next) => {
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight && foreignOrigin(req)) throw new HttpError(403, 'this origin may not call the API');
    next();
  };
  const cookiesStayHome: RequestHandler = (req, res, next) => {
    // An opaque origin (a sandboxed frame, a file, a redirect chain) never writes, token or not.
    if (UNSAFE.has(req.method) && req.headers.origin === 'null') throw new HttpError(403, 'cross-site request refused');
    if (UNSAFE.has(req.method) && cookieWithoutOrigin(req)) throw new HttpError(403, 'cross-site request refused');
    if (!foreignOrigin(req) || bearerToken(req) !== undefined) return next();
    if (UNSAFE.has(req.method) && !allowed.has(req.headers.origin ?? '')) throw new HttpError(403, 'cross-site request refused');
    delete req.cookies?.[AUTH_COOKIE];
    req.principal = undefined;
    res.locals.user = null;
    next();
  };
  return [withCors, refusePreflight, cookiesStayHome];
}
