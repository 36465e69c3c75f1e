import { baseEnv, DEMO_VALUES, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { amqpEnv } from '@dm/common/events';
import { mailEnv } from '@dm/common/mailer';
import { z } from 'zod';

// An origin as a browser sends it: scheme, host and an optional port, nothing more.
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/**
 * Express's `trust proxy`: `true`/`false`, a hop count, or comma-separated addresses, subnets and
 * the names loopback, linklocal, uniquelocal. Behind an ingress, name it (or its subnet) so that
 * req.ip, which the rate limits key on, is the client's address and not the ingress's.
 */
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .default('loopback')
  .transform((v): boolean | number | string => {
    if (v === 'true' || v === 'false') return v === 'true';
    return /^\d+$/.test(v) ? Number(v) : v;
  });

export const gatewayEnv = {
  ...baseEnv,
  PORT: portVar(8000),
  GATEWAY_DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEMO_VALUES.SESSION_SECRET),
  AUTH_URL: urlVar('http://127.0.0.1:8001'),
  CATALOG_URL: urlVar('http://127.0.0.1:8002'),
  CART_URL: urlVar('http://127.0.0.1:8003'),
  ORDER_URL: urlVar('http://127.0.0.1:8004'),
  PAYMENT_URL: urlVar('http://127.0.0.1:8005'),
  REVIEW_URL: urlVar('http://127.0.0.1:8007'),
  /** notification-service: a shopper's mails, for /account/notifications */
  NOTIFICATION_URL: urlVar('http://127.0.0.1:8006'),
  /** The admin dashboard's figures, and where product views and cart adds go (as events). */
  ANALYTICS_URL: urlVar('http://127.0.0.1:8008'),
  /** With AMQP_URL, the gateway's events go to RabbitMQ instead (common/src/events-amqp.ts). */
  ...amqpEnv,
  /** How often the product views and cart adds counted in memory are sent (product-activity.ts). */
  ACTIVITY_FLUSH_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  TRUST_PROXY: trustProxy,
  /** Lets a scraper outside the private network read /metrics, as `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Outside production, /dev/mail lists the mail the services wrote under DATA_DIR/mail (common/src/mailer.ts). */
  DATA_DIR: mailEnv.DATA_DIR,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  /** Per client address: failed sign-ins, registrations and reset requests, pages and API together. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** How long the navbar's category list is reused before it is asked for again. */
  CATEGORY_CACHE_SECONDS: z.coerce.number().int().min(0).default(30),
  /** How long public product listings and pages are reused (0: never). */
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).default(2),
  /** Rate limits and the catalog cache shared by every replica (unset or empty: each process keeps its own). */
  REDIS_URL: z
    .union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'must be a URL such as redis://127.0.0.1:6379')])
    .optional()
    .transform((v) => v || undefined),
  /** Prepended to the gateway's Redis keys, so that several shops (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('dm:'),
  /** Worker processes sharing the port (node:cluster); 1: this process serves alone. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Other sites whose pages may call /api/* from a browser (Bearer tokens only): comma-separated origins. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(ORIGIN, 'must be comma-separated origins such as https://app.example.com (no path)'))),
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewayEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('gateway', env) });
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
