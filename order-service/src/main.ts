import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadOrderConfig } from './config.js';
import type { Database } from './db.js';
import { orderDependencies } from './services.js';
import { createSweeper } from './sweeper.js';

defineService({
  name: 'order-service',
  config: loadOrderConfig,
  database: database<Database>(migrationFolder('orders')),
  clients: ({ config, db, jwt, logger }) => orderDependencies(db, jwt, logger, config),
  workers: ({ config, ...deps }) => [
    deps.outbox,
    createSweeper(
      { ...deps, paymentTimeoutMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES, recoverySeconds: config.RESERVATION_RECOVERY_SECONDS },
      config.SWEEP_INTERVAL_SECONDS,
    ),
  ],
  app: createApp,
});
