import { eventRoutes } from '@dm/common/event-routes';
import type { Jwt } from '@dm/common/jwt';
import { createBaseApp, finishApp } from '@dm/common/service';
import { dashboardRoutes } from './routes/dashboard.js';
import type { AnalyticsDeps } from './services.js';

export interface AppDeps extends AnalyticsDeps {
  jwt: Jwt;
}

export function createApp(deps: AppDeps) {
  const app = createBaseApp({ service: 'analytics-service', logger: deps.logger, jwt: deps.jwt, db: deps.db });
  app.use(eventRoutes(deps.consumer));
  app.use(dashboardRoutes(deps.db));
  return finishApp(app, deps.logger);
}
