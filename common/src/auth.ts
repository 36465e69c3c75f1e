import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.js';
import { isTokenExpired, type Jwt, type Role } from './jwt.js';
import { scopeFor } from './service-scopes.js';

/** Who is calling, as proved by the bearer token. */
export interface Principal {
  id: string;
  role: Role;
  /** The session a user's token belongs to (none for a service). */
  sid?: string;
  /** A service token's `/internal/*` areas. */
  scope?: readonly string[];
  email?: string;
  name?: string;
  /** The raw token, to pass on when this service calls another on the caller's behalf. */
  token: string;
  /** When the token was issued and expires (seconds since the epoch). */
  iat: number;
  exp: number;
}

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/** A token that was good until its `exp`: a browser's cookie worth refreshing. */
export class ExpiredTokenError extends HttpError {
  constructor() {
    super(401, 'invalid or expired token');
  }
}

/**
 * The caller a token proves: its signature, audience and expiry checked here, and a user's token
 * also against the live sessions (`jwt.sessions`), so a signed-out, disabled or unknown user's
 * token is refused on every service. Throws an HttpError (401, or 503 when it cannot tell).
 */
export async function verifyPrincipal(jwt: Jwt, token: string): Promise<Principal> {
  let claims: ReturnType<Jwt['verify']>;
  try {
    claims = jwt.verify(token);
  } catch (err) {
    throw isTokenExpired(err) ? new ExpiredTokenError() : new HttpError(401, 'invalid or expired token');
  }
  if (claims.role !== 'service') await jwt.sessions?.check(claims);
  return {
    id: claims.sub,
    role: claims.role,
    sid: claims.sid,
    scope: claims.scope,
    email: claims.email,
    name: claims.name,
    token,
    iat: claims.iat,
    exp: claims.exp,
  };
}

/** Sets `req.principal` from a valid bearer token; a present but bad token is a 401. */
export function authenticate(jwt: Jwt): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (token) req.principal = await verifyPrincipal(jwt, token);
    next();
  };
}

/** Narrows to a signed-in person: a user or an admin (not a service). */
export function userOf(req: Request): Principal {
  const p = req.principal;
  if (!p || p.role === 'service') throw new HttpError(401, 'not authenticated');
  return p;
}

export const requireUser: RequestHandler = (req, _res, next) => {
  userOf(req);
  next();
};

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (userOf(req).role !== 'admin') throw new HttpError(403, 'admin role required');
  next();
};

/**
 * The one guard of `/internal/*` (mounted there by `createBaseApp`): a service token whose scope
 * names this service's area, e.g. `catalog-service:reservations` for `/internal/reservations/…`.
 */
export function requireService(service: string): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (!p) throw new HttpError(401, 'service token required');
    if (p.role !== 'service') throw new HttpError(403, 'service token required');
    const needed = scopeFor(service, req.path);
    if (!p.scope?.includes(needed)) throw new HttpError(403, `this service token may not call ${needed}`);
    next();
  };
}
