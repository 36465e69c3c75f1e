import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { Request, RequestHandler } from 'express';

/** Only a local path may be a post-login destination, never `//evil.example` or a full URL. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

/** Where an admin form returns to: a page of the admin (as sent in its `back` field), else `fallback`. */
export function adminBack(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/admin(\/|\?|$)/.test(value) ? value : fallback;
}

function loginRedirect(req: Request): string {
  return `/login?next=${encodeURIComponent(req.originalUrl)}`;
}

/** A guest is sent to the login page and brought back afterwards. */
export const requireUserPage: RequestHandler = (req, res, next) => {
  if (!req.principal) return res.redirect(loginRedirect(req));
  next();
};

/** A guest goes to the login page; a signed-in shopper gets a 403 page. */
export const requireAdminPage: RequestHandler = (req, res, next) => {
  if (!req.principal) return res.redirect(loginRedirect(req));
  if (req.principal.role !== 'admin') throw new HttpError(403, 'This page is for shop administrators.');
  next();
};

/** A guest goes to the login page; anyone signed in who does not sell here gets a 403 page. */
export const requireVendorPage: RequestHandler = (req, res, next) => {
  if (!req.principal) return res.redirect(loginRedirect(req));
  if (req.principal.role !== 'vendor')
    throw new HttpError(403, 'This page is for the shop’s vendors. Apply to sell to open your own shop.');
  next();
};

/** The signed-in person of a guarded page. */
export function pageUser(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'Please sign in.');
  return req.principal;
}

/** The signed-in person's token, for a call made on their behalf. */
export function userToken(req: Request): string {
  return pageUser(req).token;
}
