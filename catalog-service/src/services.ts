import { AUDIT_TOPIC, auditClient, auditDelivery } from '@dm/common/audit';
import { createEventTransport, type EventSettings } from '@dm/common/event-transport';
import { eventDelivery } from '@dm/common/events';
import { type Jwt, serviceTokens } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createOutbox, type Outbox } from '@dm/common/outbox';
import type { Kysely } from 'kysely';
import type { CatalogConfig } from './config.js';
import type { Database } from './db.js';

/** What the catalog routes and the outbox loop share, built once from the config. */
export function catalogDependencies(
  db: Kysely<Database>,
  jwt: Jwt,
  logger: Logger,
  // Without the event settings (tests of the catalog alone), events go nowhere.
  config: Pick<CatalogConfig, 'AUTH_URL'> & Partial<EventSettings>,
): { outbox: Outbox } {
  const serviceToken = serviceTokens(jwt, 'catalog-service');
  const events = createEventTransport(config, logger, serviceToken);
  const handlers = { [AUDIT_TOPIC]: auditDelivery(auditClient(config.AUTH_URL), serviceToken), ...eventDelivery(events) };
  return { outbox: createOutbox({ db, logger, handlers }) };
}
