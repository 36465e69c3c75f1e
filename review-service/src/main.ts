import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadReviewConfig } from './config.js';
import type { Database } from './db.js';
import { reviewDependencies } from './services.js';

defineService({
  name: 'review-service',
  config: loadReviewConfig,
  database: database<Database>(migrationFolder('reviews')),
  clients: ({ config, db, jwt, logger }) => reviewDependencies(db, jwt, logger, config),
  // Delivers the ratings the catalog did not take at once (it was down): the listing catches up.
  workers: ({ outbox }) => [outbox],
  app: createApp,
});
