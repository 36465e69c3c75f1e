import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadAnalyticsConfig } from './config.js';
import type { Database } from './db.js';
import { analyticsDependencies } from './services.js';

defineService({
  name: 'analytics-service',
  config: loadAnalyticsConfig,
  database: database<Database>(migrationFolder('analytics')),
  clients: ({ db, logger }) => analyticsDependencies(db, logger),
  // Events come to it (POST /internal/events); it has no loop of its own.
  workers: () => [],
  app: createApp,
});
