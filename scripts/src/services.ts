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

/**
 * How every service's Node.js runs, under `npm start`, the tests and the bench alike; the Dockerfile
 * sets the same (scripts/src/compose.test.ts holds them equal). Issue 11's memory goal against CPU,
 * measured at the end of the checkout load (20 shoppers, 10 s) and on the uncached listing:
 * - glibc's mmap threshold fixed at 1 MiB. Left to itself it rises to the size of the largest block
 *   freed, so argon2's 19 MiB blocks (auth-service hashes on 4 threads) came from, and stayed in,
 *   the heap: auth-service held 190-250 MiB, and 93-134 with it, at the same checkout rate.
 * - Semispaces of 8 MiB instead of 16: each process otherwise keeps up to 48 MiB of young
 *   generation committed. Smaller ones are scavenged more often, and that is CPU on every request.
 *   The six original services held 889 MiB at 16, 761 at 8, 696 at 4; per uncached listing the
 *   gateway spent 0.66, 0.73 and 0.88 ms for each ms of the database's work, catalog-service
 *   0.85, 0.92 and 0.96 (four to six alternating runs each; README, "Memory"). 4 saved 65 MiB more
 *   than 8 but cost the gateway a fifth more CPU.
 */
export const RUNTIME_ENV = {
  NODE_OPTIONS: '--max-semi-space-size=8',
  GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=1048576',
} as const;
