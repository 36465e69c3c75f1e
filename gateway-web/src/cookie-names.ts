import type { RequestHandler } from 'express';

/**
 * The names of the gateway's cookies, in one place. Over HTTPS (production) they carry a prefix
 * that browsers enforce, so neither a sibling subdomain nor a plain-HTTP page can plant or
 * overwrite them (session fixation): `__Host-` (Secure, Path=/, no Domain) for the session and the
 * access token; `__Secure-` (Secure) for the refresh token, which lives on its own path.
 */
export const COOKIES = { auth: 'access_token', refresh: 'refresh_token', session: 'sid' } as const;

type Cookie = keyof typeof COOKIES;

export const cookieName = (cookie: Cookie, secure: boolean): string =>
  !secure ? COOKIES[cookie] : `${cookie === 'refresh' ? '__Secure-' : '__Host-'}${COOKIES[cookie]}`;

/**
 * Lets the code read the token cookies by their plain names: in production the prefixed cookie's
 * value takes the plain name, and a cookie sent under the plain name (which anyone on a sibling
 * subdomain could have set) is dropped. Mounted right after cookie-parser.
 */
export function prefixedCookies(secure: boolean): RequestHandler {
  const tokens: Cookie[] = ['auth', 'refresh'];
  return (req, _res, next) => {
    if (secure && req.cookies) {
      for (const cookie of tokens) {
        const value = req.cookies[cookieName(cookie, true)];
        delete req.cookies[cookieName(cookie, true)];
        delete req.cookies[COOKIES[cookie]];
        if (value !== undefined) req.cookies[COOKIES[cookie]] = value;
      }
    }
    next();
  };
}
