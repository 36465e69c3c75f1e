import { bearerToken, ExpiredTokenError, type Principal, verifyPrincipal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { Jwt } from '@dm/common/jwt';
import type { TokenPair } from '@dm/contracts/auth';
import type { Request, RequestHandler, Response } from 'express';
import { COOKIES, cookieName } from './cookie-names.js';

/** The names the code reads them by (prefixedCookies maps production's prefixed names onto these). */
export const AUTH_COOKIE = COOKIES.auth;
export const REFRESH_COOKIE = COOKIES.refresh;
/** The one path the refresh cookie is sent to: a page or API call whose token expired is sent here first. */
export const REFRESH_PATH = '/auth/refresh';

/**
 * Both cookies live as long as the refresh token: the access cookie outlives its JWT on purpose, so
 * an expired one tells the gateway that a refresh is worth trying.
 */
export function setAuthCookies(res: Response, pair: TokenPair, secure: boolean): void {
  const common = { httpOnly: true, sameSite: 'lax' as const, secure, maxAge: pair.refresh_expires_in * 1000 };
  res.cookie(cookieName('auth', secure), pair.access_token, { ...common, path: '/' });
  res.cookie(cookieName('refresh', secure), pair.refresh_token, { ...common, path: REFRESH_PATH });
}

export function clearAuthCookies(res: Response, secure: boolean): void {
  res.clearCookie(cookieName('auth', secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  res.clearCookie(cookieName('refresh', secure), { httpOnly: true, sameSite: 'lax', secure, path: REFRESH_PATH });
}

/** Who is signing in, passed on to auth-service for the devices page. */
export function deviceHeaders(req: Request): Record<string, string> {
  // The client's address travels with every service call already (x-client-ip, common/http-client).
  const headers: Record<string, string> = {};
  const agent = req.get('user-agent');
  if (agent) headers['user-agent'] = agent;
  return headers;
}

/** The caller's token: the Authorization header first (scripts), else the cookie (browsers). */
export function requestToken(req: Request): string | undefined {
  return bearerToken(req) ?? (req.cookies?.[AUTH_COOKIE] as string | undefined);
}

/** Where a request whose access cookie expired goes to be refreshed, and comes back from (same method, same body). */
function refreshDetour(req: Request): string {
  return `${REFRESH_PATH}?next=${encodeURIComponent(req.originalUrl)}`;
}

/**
 * A cookie's token this close to its expiry is refreshed before the page uses it: the services it
 * is passed to check it again, a moment later, and must not find it expired midway through a form
 * (a third of its lifetime, at most a minute: 60 s of the default 15 minutes).
 */
function expiresSoon(principal: Principal): boolean {
  const margin = Math.min(60, (principal.exp - principal.iat) / 3);
  return principal.exp - Date.now() / 1000 < margin;
}

/**
 * Identifies the caller and sets `req.principal` and `res.locals.user`. The token is checked as
 * every service checks it (signature, then the live sessions), so a signed-out device is a guest
 * here too. A cookie whose access token has expired (or soon will) is refreshed on the way (a 307 through
 * REFRESH_PATH, which the browser follows with the same method and body), so a shopper is never
 * sent to /login while the refresh token lives. A revoked cookie is cleared; a bad header token is
 * left for the services to refuse, since the API forwards tokens as they came.
 */
export function identify(jwt: Jwt, secure: boolean): RequestHandler {
  return async (req, res, next) => {
    const header = bearerToken(req);
    const token = header ?? (req.cookies?.[AUTH_COOKIE] as string | undefined);
    if (token) {
      try {
        const principal = await verifyPrincipal(jwt, token);
        if (!header && req.path !== REFRESH_PATH && expiresSoon(principal)) return res.redirect(307, refreshDetour(req));
        if (principal.role !== 'service') req.principal = principal;
      } catch (err) {
        if (!header && req.path !== REFRESH_PATH) {
          if (err instanceof ExpiredTokenError) return res.redirect(307, refreshDetour(req));
          // Auth-service out of reach: a guest for now, and the cookie kept for when it is back.
          if (!(err instanceof HttpError && err.status === 503)) clearAuthCookies(res, secure);
        }
      }
    }
    res.locals.user = req.principal ?? null;
    next();
  };
}
