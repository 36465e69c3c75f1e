import { eventSubscription } from '@dm/common/event-transport';
import { createMailer } from '@dm/common/mailer';
import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadNotificationConfig } from './config.js';
import type { Database } from './db.js';
import { notificationDependencies } from './services.js';

defineService({
  name: 'notification-service',
  config: loadNotificationConfig,
  database: database<Database>(migrationFolder('notifications')),
  clients: ({ config, db, logger }) => notificationDependencies(db, logger, createMailer(config, logger, { pool: true }), config),
  // Sends the mails the events recorded, and retries those that failed; with AMQP_URL, consumes
  // the service's queue (stopped first, so the sender finishes what it recorded).
  workers: ({ config, consumer, sender, logger }) => [sender, eventSubscription(config, consumer, logger)],
  app: createApp,
});
