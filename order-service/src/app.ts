import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { CheckoutDeps } from './checkout.js';
import { internalRoutes } from './routes/internal.js';
import { orderRoutes } from './routes/orders.js';
import { payoutRoutes } from './routes/payouts.js';
import { purchaseRoutes } from './routes/purchases.js';
import { vendorRoutes } from './routes/vendor.js';

export interface AppDeps extends CheckoutDeps {
  jwt: Jwt;
  logger: Logger;
}

export function createApp(deps: AppDeps) {
  const app = createBaseApp({ service: 'order-service', logger: deps.logger, jwt: deps.jwt, db: deps.db });
  app.use(orderRoutes(deps));
  app.use(internalRoutes(deps));
  app.use(purchaseRoutes(deps));
  app.use(vendorRoutes(deps));
  app.use(payoutRoutes(deps));
  return finishApp(app, deps.logger);
}
