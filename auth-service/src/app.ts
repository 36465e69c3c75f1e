import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { Kysely } from 'kysely';
import { DEFAULT_LOCKOUT_THRESHOLD } from './config.js';
import type { Database } from './db.js';
import { loginLockout } from './lockout.js';
import type { ResetMailer } from './password-resets.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { internalRoutes } from './routes/internal.js';
import { localSessions } from './session-check.js';
import type { TokenPolicy } from './sessions.js';

export interface AppDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  logger: Logger;
  policy: TokenPolicy;
  /** Failed sign-ins for one account before each attempt must wait (LOGIN_LOCKOUT_THRESHOLD). */
  lockoutThreshold?: number;
  /** How reset links are mailed. */
  resetMailer: ResetMailer;
}

export function createApp({ db, jwt: signer, logger, policy, lockoutThreshold = DEFAULT_LOCKOUT_THRESHOLD, resetMailer }: AppDeps) {
  // The owner of the sessions checks tokens against its own table, never a cached copy.
  const jwt: Jwt = { ...signer, sessions: localSessions(db) };
  const app = createBaseApp({ service: 'auth-service', logger, jwt, db });
  app.use(auditRoutes(db));
  app.use(authRoutes({ db, jwt, policy, lockout: loginLockout(db, lockoutThreshold), resetMailer }));
  app.use(adminUserRoutes(db));
  app.use(internalRoutes(db, policy.accessTtlSeconds));
  return finishApp(app, logger);
}
