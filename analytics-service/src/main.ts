import { eventSubscription } from '@dm/common/event-transport';
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
  // Events come from its RabbitMQ queue with AMQP_URL, else by POST /internal/events.
  workers: ({ config, consumer, logger }) => [eventSubscription(config, consumer, logger)],
  app: createApp,
});
