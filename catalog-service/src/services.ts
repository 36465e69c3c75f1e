import { AUDIT_TOPIC, auditClient, auditDelivery } from '@dm/common/audit';
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
  config: Pick<CatalogConfig, 'AUTH_URL'>,
): { outbox: Outbox } {
  const handlers = { [AUDIT_TOPIC]: auditDelivery(auditClient(config.AUTH_URL), serviceTokens(jwt, 'catalog-service')) };
  return { outbox: createOutbox({ db, logger, handlers }) };
}
