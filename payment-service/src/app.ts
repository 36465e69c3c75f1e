import type { Jwt } from '@dm/common/jwt';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { ChargeDeps } from './charge.js';
import { internalRoutes } from './routes/internal.js';
import { paymentRoutes } from './routes/payments.js';

export interface AppDeps extends ChargeDeps {
  jwt: Jwt;
}

export function createApp(deps: AppDeps) {
  const app = createBaseApp({ service: 'payment-service', logger: deps.logger, jwt: deps.jwt, db: deps.db });
  app.use(paymentRoutes(deps));
  app.use(internalRoutes(deps));
  return finishApp(app, deps.logger);
}
