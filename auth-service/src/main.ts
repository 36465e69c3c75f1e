import { openMigratedDb } from '@dm/common/db';
import { createJwt } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { seedAdmin } from './accounts.js';
import { createApp } from './app.js';
import { loadAuthConfig } from './config.js';
import type { Database } from './db.js';

boot('auth-service', async () => {
  const config = loadAuthConfig();
  const logger = createLogger('auth-service', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('auth'), logger, {
    max: config.DB_POOL_MAX,
  });
  await seedAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD, logger);
  const app = createApp({
    db,
    jwt: createJwt(config.JWT_SECRET),
    logger,
    tokenTtlSeconds: config.ACCESS_TOKEN_TTL_MINUTES * 60,
  });
  await serve({ app, port: config.PORT, logger, onClose: () => db.destroy() });
});
