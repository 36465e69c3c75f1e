import { createEventTransport, type EventSettings } from '@dm/common/event-transport';
import { eventDelivery } from '@dm/common/events';
import { createServiceClient } from '@dm/common/http-client';
import { type Jwt, serviceTokens } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createOutbox } from '@dm/common/outbox';
import type { Kysely } from 'kysely';
import type { ChargeDeps } from './charge.js';
import type { PaymentConfig } from './config.js';
import type { Database } from './db.js';
import { messageHandlers } from './messages.js';

/** Everything the routes and the outbox share, built once from the config. */
export function paymentDependencies(
  db: Kysely<Database>,
  jwt: Jwt,
  logger: Logger,
  // Without the event settings (tests of payment-service alone), events go nowhere.
  config: Pick<PaymentConfig, 'ORDER_URL' | 'PAYMENT_FAILURE_RATE'> & Partial<EventSettings>,
  overrides: Partial<Pick<ChargeDeps, 'random' | 'now'>> = {},
): ChargeDeps {
  const orders = createServiceClient('order', config.ORDER_URL);
  const serviceToken = serviceTokens(jwt, 'payment-service');
  const events = createEventTransport(config, logger, serviceToken);
  const outbox = createOutbox({
    db,
    logger,
    handlers: { ...messageHandlers({ db, orders, serviceToken, logger }), ...eventDelivery(events) },
  });
  return {
    db,
    outbox,
    orders,
    serviceToken,
    logger,
    failureRate: config.PAYMENT_FAILURE_RATE,
    // Simulated declines for demos: not a security decision, so Math.random will do.
    random: Math.random,
    now: () => new Date(),
    ...overrides,
  };
}
