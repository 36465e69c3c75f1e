import { createEventConsumer, type EventConsumer } from '@dm/common/event-inbox';
import type { Logger } from '@dm/common/logger';
import type { Mailer } from '@dm/common/mailer';
import type { Kysely } from 'kysely';
import type { NotificationConfig } from './config.js';
import type { Database } from './db.js';
import { notificationHandlers } from './event-handlers.js';
import { createSender, type Sender, type SenderOptions } from './sender.js';

export interface NotificationDeps {
  db: Kysely<Database>;
  consumer: EventConsumer;
  sender: Sender;
  logger: Logger;
}

/** The consumer `notification` and the sender of the mails it records, built once. */
export function notificationDependencies(
  db: Kysely<Database>,
  logger: Logger,
  mailer: Mailer,
  config: Pick<NotificationConfig, 'PUBLIC_URL'>,
  senderOptions: Partial<Pick<SenderOptions, 'intervalMs' | 'batchSize' | 'maxAttempts'>> = {},
): NotificationDeps {
  const consumer = createEventConsumer({ name: 'notification', db, handlers: notificationHandlers(config.PUBLIC_URL), logger });
  const sender = createSender({ db, mailer, logger, ...senderOptions });
  return { db, consumer, sender, logger };
}
