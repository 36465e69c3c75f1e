import { openMigratedDb } from '@dm/common/db';
import { createJwt } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { createClients } from './clients.js';
import { loadGatewayConfig } from './config.js';
import type { Database } from './db.js';
import { sessionMiddleware } from './session.js';

boot('gateway-web', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway-web', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('gateway'), logger, { max: 2 });
  const production = config.NODE_ENV === 'production';
  const app = createApp({
    config,
    logger,
    jwt: createJwt(config.JWT_SECRET),
    clients: createClients(config),
    sessions: sessionMiddleware({
      databaseUrl: config.databaseUrl,
      secret: config.SESSION_SECRET,
      secure: production,
      onError: (err) => logger.error({ err }, 'session store error'),
    }),
    db,
  });
  await serve({ app, port: config.PORT, logger, onClose: () => db.destroy() });
});
