import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { eventEnv } from '@dm/common/events';
import { z } from 'zod';

export const paymentEnv = {
  ...baseEnv,
  // Its domain events' transport: RabbitMQ (AMQP_URL) or HTTP posts to each consumer's URL.
  ...eventEnv,
  PORT: portVar(8005),
  PAYMENTS_DATABASE_URL: z.string().optional(),
  ORDER_URL: urlVar('http://127.0.0.1:8004'),
  /** For demos: this fraction of otherwise good cards is declined at random (0 = never, 1 = always). */
  PAYMENT_FAILURE_RATE: z.coerce
    .number({ message: 'must be a number from 0 to 1 such as 0.1' })
    .min(0, 'must be a number from 0 to 1 such as 0.1')
    .max(1, 'must be a number from 0 to 1 such as 0.1')
    .default(0),
  /** Where its domain events go: RabbitMQ, or the consumers' URLs for the HTTP transport. */
  ...eventEnv,
};

export function loadPaymentConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(paymentEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('payments', env) });
}

export type PaymentConfig = ReturnType<typeof loadPaymentConfig>;
