import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { Kysely } from 'kysely';
import { DEFAULT_LOCKOUT_THRESHOLD } from './config.js';
import type { Database } from './db.js';
import { loginLockout } from './lockout.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';

export interface AppDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  logger: Logger;
  tokenTtlSeconds: number;
  /** Failed sign-ins for one account before each attempt must wait (LOGIN_LOCKOUT_THRESHOLD). */
  lockoutThreshold?: number;
}

export function createApp({ db, jwt, logger, tokenTtlSeconds, lockoutThreshold = DEFAULT_LOCKOUT_THRESHOLD }: AppDeps) {
  const app = createBaseApp({ service: 'auth-service', logger, jwt, db });
  app.use(auditRoutes(db));
  app.use(authRoutes({ db, jwt, tokenTtlSeconds, lockout: loginLockout(db, lockoutThreshold) }));
  return finishApp(app, logger);
}
