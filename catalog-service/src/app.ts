import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import type { Outbox } from '@dm/common/outbox';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { adminProductRoutes } from './routes/admin-products.js';
import { catalogCsvRoutes } from './routes/catalog-csv.js';
import { categoryRoutes } from './routes/categories.js';
import { imageRoutes } from './routes/images.js';
import { internalRoutes } from './routes/internal.js';
import { productRoutes } from './routes/products.js';
import { relatedRoutes } from './routes/related.js';
import { reservationRoutes } from './routes/reservations.js';
import { searchAdminRoutes } from './routes/search-admin.js';
import { statsRoutes } from './routes/stats.js';
import { stockRoutes } from './routes/stock.js';
import { vendorRoutes } from './routes/vendors.js';

export interface AppDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  logger: Logger;
  /** Carries the audit events of an admin's changes to auth-service (services.ts). */
  outbox: Outbox;
}

export function createApp({ db, jwt, logger, outbox }: AppDeps) {
  const app = createBaseApp({ service: 'catalog-service', logger, jwt, db: db as Kysely<unknown> });
  // Before productRoutes, whose GET /products/:idOrSlug would otherwise take /products/export.csv.
  app.use(catalogCsvRoutes({ db, outbox }));
  app.use(adminProductRoutes({ db, outbox }));
  app.use(productRoutes({ db, outbox }));
  app.use(relatedRoutes({ db }));
  app.use(stockRoutes({ db, outbox }));
  app.use(vendorRoutes({ db, outbox }));
  app.use(categoryRoutes({ db }));
  app.use(searchAdminRoutes({ db }));
  app.use(statsRoutes({ db }));
  app.use(imageRoutes({ db }));
  app.use(internalRoutes({ db }));
  app.use(reservationRoutes({ db }));
  return finishApp(app, logger);
}
