import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.js';
import type { Jwt, Role } from './jwt.js';

/** Who is calling, as proved by the bearer token. */
export interface Principal {
  id: string;
  role: Role;
  email?: string;
  name?: string;
  /** The raw token, to pass on when this service calls another on the caller's behalf. */
  token: string;
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

/** Sets `req.principal` from a valid bearer token; a present but bad token is a 401. */
export function authenticate(jwt: Jwt): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (token) {
      try {
        const claims = jwt.verify(token);
        req.principal = { id: claims.sub, role: claims.role, email: claims.email, name: claims.name, token };
      } catch {
        throw new HttpError(401, 'invalid or expired token');
      }
    }
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

/** `/internal/*` routes: a service token and nothing else. */
export const requireService: RequestHandler = (req, _res, next) => {
  const p = req.principal;
  if (!p) throw new HttpError(401, 'service token required');
  if (p.role !== 'service') throw new HttpError(403, 'service token required');
  next();
};
