import type { DatabaseName } from '@dm/migrations/folders';

export interface ServiceSpec {
  /** short name used in log prefixes */
  name: string;
  /** workspace folder; the process runs `<dir>/dist/main.js` */
  dir: string;
  /** port = base port + offset (8000 + offset by default) */
  offset: number;
  database: DatabaseName;
  /** the variable through which the gateway finds this service */
  urlVar?: string;
}

/** Every process of the shop, in the order they are started. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'auth', dir: 'auth-service', offset: 1, database: 'auth', urlVar: 'AUTH_URL' },
  { name: 'catalog', dir: 'catalog-service', offset: 2, database: 'catalog', urlVar: 'CATALOG_URL' },
  { name: 'cart', dir: 'cart-service', offset: 3, database: 'cart', urlVar: 'CART_URL' },
  { name: 'order', dir: 'order-service', offset: 4, database: 'orders', urlVar: 'ORDER_URL' },
  { name: 'payment', dir: 'payment-service', offset: 5, database: 'payments', urlVar: 'PAYMENT_URL' },
  { name: 'notification', dir: 'notification-service', offset: 6, database: 'notifications', urlVar: 'NOTIFICATION_URL' },
  { name: 'review', dir: 'review-service', offset: 7, database: 'reviews', urlVar: 'REVIEW_URL' },
  { name: 'analytics', dir: 'analytics-service', offset: 8, database: 'analytics', urlVar: 'ANALYTICS_URL' },
  { name: 'gateway', dir: 'gateway-web', offset: 0, database: 'gateway' },
];

/** How many consecutive ports one copy of the stack takes (base + 0 … base + the largest offset). */
export const PORT_BLOCK = Math.max(...SERVICES.map((s) => s.offset)) + 1;
