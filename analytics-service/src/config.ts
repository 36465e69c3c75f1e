import { baseEnv, databaseUrlFor, loadConfig, portVar } from '@dm/common/config';
import { amqpEnv } from '@dm/common/events';
import { z } from 'zod';

// It calls no one: its figures come from the events posted to it (or from its RabbitMQ queue).
export const analyticsEnv = {
  ...baseEnv,
  /** With AMQP_URL its events come from its RabbitMQ queue; without, by POST /internal/events. */
  ...amqpEnv,
  PORT: portVar(8008),
  ANALYTICS_DATABASE_URL: z.string().optional(),
};

export function loadAnalyticsConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(analyticsEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('analytics', env) });
}

export type AnalyticsConfig = ReturnType<typeof loadAnalyticsConfig>;
