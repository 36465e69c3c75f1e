import { auditClient } from '@dm/common/audit';
import { createEventTransport, type EventSettings } from '@dm/common/event-transport';
import { eventDelivery } from '@dm/common/events';
import { createServiceClient } from '@dm/common/http-client';
import { type Jwt, serviceTokens } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import { createOutbox } from '@dm/common/outbox';
import type { Kysely } from 'kysely';
import type { CheckoutDeps } from './checkout.js';
import type { OrderConfig } from './config.js';
import type { Database } from './db.js';
import { messageHandlers } from './messages.js';

/** Everything the order routes, the outbox and the sweeper share, built once from the config. */
export function orderDependencies(
  db: Kysely<Database>,
  jwt: Jwt,
  logger: Logger,
  config: Pick<
    OrderConfig,
    | 'AUTH_URL'
    | 'CATALOG_URL'
    | 'CART_URL'
    | 'PAYMENT_URL'
    | 'TAX_RATE'
    | 'SHIPPING_FLAT'
    | 'FREE_SHIPPING_THRESHOLD'
    | 'PLATFORM_COMMISSION_RATE'
  > &
    // Without these (tests of order-service alone), events go nowhere.
    Partial<EventSettings>,
): CheckoutDeps & { payment: ReturnType<typeof createServiceClient> } {
  const catalog = createServiceClient('catalog', config.CATALOG_URL);
  const cart = createServiceClient('cart', config.CART_URL);
  const payment = createServiceClient('payment', config.PAYMENT_URL);
  const auth = auditClient(config.AUTH_URL);
  const serviceToken = serviceTokens(jwt, 'order-service');
  const events = createEventTransport(config, logger, serviceToken);
  const outbox = createOutbox({
    db,
    logger,
    handlers: { ...messageHandlers({ auth, catalog, cart, payment, serviceToken }), ...eventDelivery(events) },
  });
  return {
    db,
    outbox,
    catalog,
    cart,
    payment,
    serviceToken,
    pricing: {
      taxRatePpm: config.TAX_RATE,
      shippingFlatCents: config.SHIPPING_FLAT,
      freeShippingThresholdCents: config.FREE_SHIPPING_THRESHOLD,
      commissionRatePpm: config.PLATFORM_COMMISSION_RATE,
    },
  };
}
