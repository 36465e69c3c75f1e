import { baseEnv, boolVar, databaseUrlFor, loadConfig, portVar } from '@dm/common/config';
import { eventEnv } from '@dm/common/events';
import { z } from 'zod';

export const catalogEnv = {
  ...baseEnv,
  // Its domain events' transport: RabbitMQ (AMQP_URL) or HTTP posts to each consumer's URL.
  ...eventEnv,
  PORT: portVar(8002),
  CATALOG_DATABASE_URL: z.string().optional(),
  SEED_DEMO_CATALOG: boolVar(false),
  /** Where its domain events go: RabbitMQ, or the consumers' URLs for the HTTP transport. */
  ...eventEnv,
};

export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(catalogEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('catalog', env) });
}

export type CatalogConfig = ReturnType<typeof loadCatalogConfig>;
