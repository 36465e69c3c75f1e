import type { Jwt } from '@dm/common/jwt';
import { createBaseApp, finishApp } from '@dm/common/service';
import type { ReviewDeps } from './review-changes.js';
import { adminReviewRoutes } from './routes/admin-reviews.js';
import { reviewRoutes } from './routes/reviews.js';

export interface AppDeps extends ReviewDeps {
  jwt: Jwt;
}

export function createApp(deps: AppDeps) {
  const app = createBaseApp({ service: 'review-service', logger: deps.logger, jwt: deps.jwt, db: deps.db });
  app.use(reviewRoutes(deps));
  app.use(adminReviewRoutes(deps));
  return finishApp(app, deps.logger);
}
