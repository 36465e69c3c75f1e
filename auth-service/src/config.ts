import { baseEnv, boolVar, DEMO_VALUES, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { mailEnv } from '@dm/common/mailer';
import { z } from 'zod';
import type { TokenPolicy } from './sessions.js';

export const DEFAULT_LOCKOUT_THRESHOLD = 5;

export const authEnv = {
  ...baseEnv,
  PORT: portVar(8001),
  AUTH_DATABASE_URL: z.string().optional(),
  ADMIN_EMAIL: z.email('must be an email address').default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEMO_VALUES.ADMIN_PASSWORD),
  // Fractions are allowed so a test can watch a token expire within seconds (0.1 = 6 s).
  ACCESS_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .min(0.05, 'must be at least 0.05 (3 seconds)')
    .max(24 * 60)
    .default(15),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().min(0.001).max(365).default(7),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(DEFAULT_LOCKOUT_THRESHOLD),
  ...mailEnv,
  /** `npm start`'s demo shop: also the accounts of its three vendors (never in production). */
  SEED_DEMO_CATALOG: boolVar(false),
  /** The shop's address as shoppers reach it: password reset links point at it. */
  PUBLIC_URL: urlVar('http://localhost:8000'),
};

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(authEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('auth', env), tokenPolicy: tokenPolicy(config) });
}

export type AuthConfig = ReturnType<typeof loadAuthConfig>;

/** The token lifetimes in seconds. */
export function tokenPolicy(config: { ACCESS_TOKEN_TTL_MINUTES: number; REFRESH_TOKEN_TTL_DAYS: number }): TokenPolicy {
  return {
    accessTtlSeconds: Math.max(1, Math.round(config.ACCESS_TOKEN_TTL_MINUTES * 60)),
    refreshTtlSeconds: Math.max(1, Math.round(config.REFRESH_TOKEN_TTL_DAYS * 86_400)),
    reuseGraceSeconds: 10,
  };
}
