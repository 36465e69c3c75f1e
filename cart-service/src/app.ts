import type { ServiceClient } from '@dm/common/http-client';
import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { Kysely } from 'kysely';
import { type CartLimits, cartInputs } from './cart-input.js';
import type { CartDeps } from './carts.js';
import { catalogProducts } from './catalog-client.js';
import type { Database } from './db.js';
import { cartRoutes } from './routes/cart.js';
import { internalRoutes } from './routes/internal.js';

export interface AppDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  logger: Logger;
  /** catalog-service, asked for products with `serviceToken` */
  catalog: ServiceClient;
  serviceToken: () => string;
  limits: CartLimits;
}

export function createApp({ db, jwt, logger, catalog, serviceToken, limits }: AppDeps) {
  const app = createBaseApp({ service: 'cart-service', logger, jwt, db: db as Kysely<unknown> });
  const deps: CartDeps = { db, products: catalogProducts({ client: catalog, serviceToken, logger }), limits };
  const inputs = cartInputs(limits);
  app.use(cartRoutes(deps, inputs));
  app.use(internalRoutes(deps, inputs));
  return finishApp(app, logger);
}
