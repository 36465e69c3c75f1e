import { createServiceClient, type ServiceClient } from '@dm/common/http-client';
import type { GatewayConfig } from './config.js';

/** The services the gateway talks to; each name is what an outage notice says ("catalog unavailable"). */
export interface Clients {
  auth: ServiceClient;
  catalog: ServiceClient;
  cart: ServiceClient;
  order: ServiceClient;
  payment: ServiceClient;
  review: ServiceClient;
  notification: ServiceClient;
  analytics: ServiceClient;
}

export function createClients(
  config: Pick<
    GatewayConfig,
    'AUTH_URL' | 'CATALOG_URL' | 'CART_URL' | 'ORDER_URL' | 'PAYMENT_URL' | 'REVIEW_URL' | 'NOTIFICATION_URL' | 'ANALYTICS_URL'
  >,
): Clients {
  return {
    auth: createServiceClient('auth', config.AUTH_URL),
    catalog: createServiceClient('catalog', config.CATALOG_URL),
    cart: createServiceClient('cart', config.CART_URL),
    order: createServiceClient('order', config.ORDER_URL),
    payment: createServiceClient('payment', config.PAYMENT_URL),
    review: createServiceClient('review', config.REVIEW_URL),
    notification: createServiceClient('notification', config.NOTIFICATION_URL),
    analytics: createServiceClient('analytics', config.ANALYTICS_URL),
  };
}
