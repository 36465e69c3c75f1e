import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadPaymentConfig } from './config.js';
import type { Database } from './db.js';
import { paymentDependencies } from './services.js';

defineService({
  name: 'payment-service',
  config: loadPaymentConfig,
  database: database<Database>(migrationFolder('payments')),
  clients: ({ config, db, jwt, logger }) => paymentDependencies(db, jwt, logger, config),
  // Delivers what could not be delivered at once (order-service was down): a paid order never stays pending.
  workers: ({ outbox }) => [outbox],
  app: createApp,
});
