import { createServiceClient } from '@dm/common/http-client';
import { type Jwt, serviceTokens } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createOutbox } from '@dm/common/outbox';
import type { Kysely } from 'kysely';
import type { ReviewConfig } from './config.js';
import type { Database } from './db.js';
import { messageHandlers } from './messages.js';
import type { ReviewDeps } from './review-changes.js';

/** Everything the routes and the outbox share, built once from the config. */
export function reviewDependencies(
  db: Kysely<Database>,
  jwt: Jwt,
  logger: Logger,
  config: Pick<ReviewConfig, 'ORDER_URL' | 'CATALOG_URL'>,
): ReviewDeps {
  const catalog = createServiceClient('catalog', config.CATALOG_URL);
  const orders = createServiceClient('order', config.ORDER_URL);
  const serviceToken = serviceTokens(jwt, 'review-service');
  const outbox = createOutbox({ db, logger, handlers: messageHandlers({ catalog, serviceToken }) });
  return { db, outbox, catalog, orders, serviceToken, logger };
}
