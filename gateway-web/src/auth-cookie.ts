import { bearerToken } from '@dm/common/auth';
import type { Jwt } from '@dm/common/jwt';
import type { Request, RequestHandler, Response } from 'express';

export const AUTH_COOKIE = 'access_token';

export function setAuthCookie(res: Response, token: string, expiresInSeconds: number, secure: boolean): void {
  res.cookie(AUTH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: expiresInSeconds * 1000,
  });
}

export function clearAuthCookie(res: Response, secure: boolean): void {
  res.clearCookie(AUTH_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The caller's token: the Authorization header first (scripts), else the cookie (browsers). */
export function requestToken(req: Request): string | undefined {
  return bearerToken(req) ?? (req.cookies?.[AUTH_COOKIE] as string | undefined);
}

/**
 * Verifies the caller's token locally and sets `req.principal` and `res.locals.user`. A bad or
 * expired cookie is cleared and the visitor is treated as a guest; services still see (and refuse)
 * a bad header token, since the API forwards tokens as they came.
 */
export function identify(jwt: Jwt, secure: boolean): RequestHandler {
  return (req, res, next) => {
    const token = requestToken(req);
    if (token) {
      try {
        const claims = jwt.verify(token);
        if (claims.role !== 'service') {
          req.principal = { id: claims.sub, role: claims.role, email: claims.email, name: claims.name, token };
        }
      } catch {
        if (!bearerToken(req)) clearAuthCookie(res, secure);
      }
    }
    res.locals.user = req.principal ?? null;
    next();
  };
}
