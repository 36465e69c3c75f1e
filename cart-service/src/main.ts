import { createServiceClient } from '@dm/common/http-client';
import { serviceTokens } from '@dm/common/jwt';
import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadCartConfig } from './config.js';
import type { Database } from './db.js';

defineService({
  name: 'cart-service',
  config: loadCartConfig,
  database: database<Database>(migrationFolder('cart')),
  clients: ({ config, jwt }) => ({
    catalog: createServiceClient('catalog', config.CATALOG_URL),
    serviceToken: serviceTokens(jwt, 'cart-service'),
  }),
  workers: () => [],
  app: ({ config, db, jwt, logger, catalog, serviceToken }) =>
    createApp({
      db,
      jwt,
      logger,
      catalog,
      serviceToken,
      limits: { maxLines: config.CART_MAX_LINES, maxQuantity: config.CART_MAX_QUANTITY },
    }),
});
