import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { authRoutes } from './routes/auth.js';

export interface AppDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  logger: Logger;
  tokenTtlSeconds: number;
}

export function createApp({ db, jwt, logger, tokenTtlSeconds }: AppDeps) {
  const app = createBaseApp({ service: 'auth-service', logger, jwt, db });
  app.use(authRoutes({ db, jwt, tokenTtlSeconds }));
  return finishApp(app, logger);
}
