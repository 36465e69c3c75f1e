import { baseEnv, DEMO_VALUES, databaseUrlFor, loadConfig, portVar } from '@dm/common/config';
import { z } from 'zod';

export const DEFAULT_LOCKOUT_THRESHOLD = 5;

export const authEnv = {
  ...baseEnv,
  PORT: portVar(8001),
  AUTH_DATABASE_URL: z.string().optional(),
  ADMIN_EMAIL: z.email('must be an email address').default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEMO_VALUES.ADMIN_PASSWORD),
  ACCESS_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(720),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(DEFAULT_LOCKOUT_THRESHOLD),
};

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(authEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('auth', env) });
}

export type AuthConfig = ReturnType<typeof loadAuthConfig>;
