import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { eventEnv } from '@dm/common/events';
import { parseMoney } from '@dm/common/money';
import { z } from 'zod';
import { parseRate } from './order-rules.js';

const moneyVar = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const cents = parseMoney(v);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: 'must be an amount such as 4.99' });
        return z.NEVER;
      }
      return cents;
    });

/** A fraction from 0 to 1 such as 0.05, read exactly: parts per million. */
const rateVar = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const rate = parseRate(v);
      if (rate === null) {
        ctx.addIssue({ code: 'custom', message: `must be a fraction between 0 and 1 such as ${fallback}` });
        return z.NEVER;
      }
      return rate;
    });

export const orderEnv = {
  ...baseEnv,
  // Its domain events' transport: RabbitMQ (AMQP_URL) or HTTP posts to each consumer's URL.
  ...eventEnv,
  PORT: portVar(8004),
  ORDERS_DATABASE_URL: z.string().optional(),
  CATALOG_URL: urlVar('http://127.0.0.1:8002'),
  CART_URL: urlVar('http://127.0.0.1:8003'),
  PAYMENT_URL: urlVar('http://127.0.0.1:8005'),
  /** Sales tax as a fraction of the subtotal, e.g. 0.05 for 5 %. */
  TAX_RATE: rateVar('0.05'),
  /** The platform's share of each vendor item's price, e.g. 0.10 for 10 % (the house's own items pay none). */
  PLATFORM_COMMISSION_RATE: rateVar('0.10'),
  SHIPPING_FLAT: moneyVar('4.99'),
  FREE_SHIPPING_THRESHOLD: moneyVar('50.00'),
  ORDER_PAYMENT_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 7)
    .default(30),
  /** An order stuck between "written" and "stock reserved" (a crash) is undone after this long. */
  RESERVATION_RECOVERY_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How often the service looks for unpaid orders to expire and stuck orders to undo. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Where its domain events go: RabbitMQ, or the consumers' URLs for the HTTP transport. */
  ...eventEnv,
};

export function loadOrderConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(orderEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('orders', env) });
}

export type OrderConfig = ReturnType<typeof loadOrderConfig>;
