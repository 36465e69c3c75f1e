import { openMigratedDb } from '@dm/common/db';
import { createServiceClient } from '@dm/common/http-client';
import { createJwt, serviceTokens } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadCartConfig } from './config.js';
import type { Database } from './db.js';

boot('cart-service', async () => {
  const config = loadCartConfig();
  const logger = createLogger('cart-service', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('cart'), logger, {
    max: config.DB_POOL_MAX,
  });
  const jwt = createJwt(config.JWT_SECRET);
  const app = createApp({
    db,
    jwt,
    logger,
    catalog: createServiceClient('catalog', config.CATALOG_URL),
    serviceToken: serviceTokens(jwt, 'cart-service'),
    limits: { maxLines: config.CART_MAX_LINES, maxQuantity: config.CART_MAX_QUANTITY },
  });
  await serve({ app, port: config.PORT, logger, onClose: () => db.destroy() });
});
