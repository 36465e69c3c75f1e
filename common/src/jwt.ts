import { createSecretKey, type KeyObject } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import { SERVICE_SCOPES } from './service-scopes.js';

export type Role = 'user' | 'vendor' | 'admin' | 'service';

export interface TokenClaims {
  /** user id, or the calling service's name for a service token */
  sub: string;
  role: Role;
  /** The session (device) a user's token belongs to: what sign-out revokes. */
  sid?: string;
  email?: string;
  name?: string;
}

export interface VerifiedToken extends TokenClaims {
  exp: number;
  iat: number;
  /** A service token's `/internal/*` areas (see service-scopes.ts). */
  scope?: string[];
}

/** Checks that a verified user token still speaks for a live session (see common/src/sessions.ts). */
export interface SessionCheck {
  /** Throws an HttpError (401, or 503 when it cannot tell) when the token must be refused. */
  check(claims: VerifiedToken): void | Promise<void>;
}

export interface Jwt {
  /** A user's access token (the users' audience). */
  sign(claims: TokenClaims, ttlSeconds: number): string;
  /** A service token: the internal audience, and the caller's scope from SERVICE_SCOPES. */
  signService(service: string, ttlSeconds: number): string;
  /** Throws on a bad signature, algorithm, issuer, audience or expiry. */
  verify(token: string): VerifiedToken;
  /**
   * Set by `startService`: the live-session check every user token must pass. Unset (a test of one
   * service alone, with no auth-service) means the signature is all that is checked.
   */
  sessions?: SessionCheck;
}

const ISSUER = 'digital-marketplace';
const USER_AUDIENCE = 'digital-marketplace';
const SERVICE_AUDIENCE = 'digital-marketplace/internal';
const ROLES: readonly string[] = ['user', 'vendor', 'admin', 'service'];

/**
 * HS256 only, with issuer and audience checked. The secret is a KeyObject because jsonwebtoken
 * re-parses a string secret as PEM on every call (390 µs against 9 µs per verify). Users' tokens and
 * service tokens have audiences of their own, so neither passes for the other.
 */
export function createJwt(secret: string, options: { sessions?: SessionCheck } = {}): Jwt {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  const signWith = (payload: object, subject: string, audience: string, ttlSeconds: number) =>
    jsonwebtoken.sign(payload, key, { algorithm: 'HS256', subject, issuer: ISSUER, audience, expiresIn: ttlSeconds });
  return {
    sessions: options.sessions,
    sign(claims, ttlSeconds) {
      const { sub, ...rest } = claims;
      return signWith(rest, sub, USER_AUDIENCE, ttlSeconds);
    },
    signService(service, ttlSeconds) {
      return signWith({ role: 'service', scope: [...(SERVICE_SCOPES[service] ?? [])] }, service, SERVICE_AUDIENCE, ttlSeconds);
    },
    verify(token) {
      const payload = jsonwebtoken.verify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: [USER_AUDIENCE, SERVICE_AUDIENCE],
      });
      if (typeof payload === 'string' || typeof payload.sub !== 'string' || !ROLES.includes(payload.role)) {
        throw new jsonwebtoken.JsonWebTokenError('token claims are malformed');
      }
      const service = payload.role === 'service';
      if (payload.aud !== (service ? SERVICE_AUDIENCE : USER_AUDIENCE)) {
        throw new jsonwebtoken.JsonWebTokenError('token audience does not match its role');
      }
      if (service && !Array.isArray(payload.scope)) throw new jsonwebtoken.JsonWebTokenError('service token has no scope');
      return payload as VerifiedToken;
    },
  };
}

/** True for what `verify` throws on a token that is sound but past its `exp`. */
export function isTokenExpired(err: unknown): boolean {
  return err instanceof jsonwebtoken.TokenExpiredError;
}

/** A service token source: one short-lived token reused until shortly before it expires. */
export function serviceTokens(jwt: Jwt, service: string, ttlSeconds = 300): () => string {
  let token = '';
  let renewAt = 0;
  return () => {
    const now = Date.now();
    if (now >= renewAt) {
      token = jwt.signService(service, ttlSeconds);
      renewAt = now + (ttlSeconds - 60) * 1000;
    }
    return token;
  };
}
