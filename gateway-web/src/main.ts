import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { createClients } from './clients.js';
import { loadGatewayConfig } from './config.js';
import type { Database } from './db.js';
import { sessionMiddleware } from './session.js';

defineService({
  name: 'gateway-web',
  config: loadGatewayConfig,
  // Sessions have their own pool (DB_POOL_MAX connections); this one only answers /ready.
  database: database<Database>(migrationFolder('gateway'), { poolMax: 1 }),
  clients: ({ config, logger }) => ({
    clients: createClients(config),
    sessions: sessionMiddleware({
      databaseUrl: config.databaseUrl,
      poolMax: config.DB_POOL_MAX,
      secret: config.SESSION_SECRET,
      secure: config.NODE_ENV === 'production',
      onError: (err) => logger.error({ err }, 'session store error'),
    }),
  }),
  workers: ({ sessions }) => [sessions],
  app: createApp,
});
