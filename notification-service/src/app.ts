import { eventRoutes } from '@dm/common/event-routes';
import type { Jwt } from '@dm/common/jwt';
import { createBaseApp, finishApp } from '@dm/common/service';
import { notificationRoutes } from './routes/notifications.js';
import type { NotificationDeps } from './services.js';

export interface AppDeps extends Pick<NotificationDeps, 'db' | 'consumer' | 'logger'> {
  jwt: Jwt;
}

export function createApp(deps: AppDeps) {
  const app = createBaseApp({ service: 'notification-service', logger: deps.logger, jwt: deps.jwt, db: deps.db });
  app.use(eventRoutes(deps.consumer));
  app.use(notificationRoutes(deps.db));
  return finishApp(app, deps.logger);
}
