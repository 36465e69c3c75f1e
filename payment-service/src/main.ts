import { openMigratedDb } from '@dm/common/db';
import { createJwt } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadPaymentConfig } from './config.js';
import type { Database } from './db.js';
import { paymentDependencies } from './services.js';

boot('payment-service', async () => {
  const config = loadPaymentConfig();
  const logger = createLogger('payment-service', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('payments'), logger, { max: config.DB_POOL_MAX });
  const jwt = createJwt(config.JWT_SECRET);
  const deps = paymentDependencies(db, jwt, logger, config);
  const app = createApp({ ...deps, jwt });
  // Delivers what could not be delivered at once (order-service was down): a paid order never stays pending.
  deps.outbox.start();
  await serve({
    app,
    port: config.PORT,
    logger,
    onClose: async () => {
      await deps.outbox.stop();
      await db.destroy();
    },
  });
});
