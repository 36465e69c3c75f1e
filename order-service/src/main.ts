import { openMigratedDb } from '@dm/common/db';
import { createJwt } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadOrderConfig } from './config.js';
import type { Database } from './db.js';
import { orderDependencies } from './services.js';
import { startSweeper } from './sweeper.js';

boot('order-service', async () => {
  const config = loadOrderConfig();
  const logger = createLogger('order-service', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('orders'), logger, { max: config.DB_POOL_MAX });
  const jwt = createJwt(config.JWT_SECRET);
  const deps = orderDependencies(db, jwt, logger, config);
  const app = createApp({ ...deps, jwt, logger });
  deps.outbox.start();
  const sweeper = startSweeper(
    {
      ...deps,
      logger,
      paymentTimeoutMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
      recoverySeconds: config.RESERVATION_RECOVERY_SECONDS,
    },
    config.SWEEP_INTERVAL_SECONDS,
  );
  await serve({
    app,
    port: config.PORT,
    logger,
    onClose: async () => {
      await sweeper.stop();
      await deps.outbox.stop();
      await db.destroy();
    },
  });
});
