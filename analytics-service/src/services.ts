import { createEventConsumer, type EventConsumer } from '@dm/common/event-inbox';
import type { Logger } from '@dm/common/logger';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { analyticsHandlers } from './handlers.js';

export interface AnalyticsDeps {
  db: Kysely<Database>;
  logger: Logger;
  /** The `analytics` consumer of the domain events (contracts/src/events.ts, EVENT_CONSUMERS). */
  consumer: EventConsumer;
}

/** Everything the routes share, built once. */
export function analyticsDependencies(db: Kysely<Database>, logger: Logger): AnalyticsDeps {
  return { db, logger, consumer: createEventConsumer({ name: 'analytics', db, handlers: analyticsHandlers, logger }) };
}
