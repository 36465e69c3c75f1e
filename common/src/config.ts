import { z } from 'zod';

/** Demo values that make `npm start` work with no setup; production refuses every one of them. */
export const DEMO_VALUES = {
  JWT_SECRET: 'demo-jwt-secret-not-for-production-0123456789abcdef',
  SESSION_SECRET: 'demo-session-secret-not-for-production-0123456789',
  ADMIN_PASSWORD: 'admin123',
} as const;

/** Where the embedded PostgreSQL of `npm start` listens when nothing else is configured. */
export const DEFAULT_DATABASE_SERVER = 'postgres://postgres:postgres@127.0.0.1:55432';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const portVar = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const urlVar = (fallback: string) => z.url('must be a URL such as http://localhost:8001').default(fallback);
export const boolVar = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Variables every service reads, spread into each service's own schema. */
export const baseEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevel.default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEMO_VALUES.JWT_SECRET),
  /** A server URL: each service uses its own database on it. */
  DATABASE_URL: z.string().optional(),
  /**
   * Connections in this process's pool. 3 lets three replicas of all nine services (the gateway
   * also keeps one for /ready) stay under PostgreSQL's default of 100 connections: 27 × 3 + 3 = 84.
   */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(3),
  /**
   * false where someone else prepares the database before this process starts (schema and seed): a
   * migration job before a rollout, or the gateway's cluster primary before it forks its workers.
   */
  MIGRATE_ON_BOOT: boolVar(true),
  /**
   * On SIGTERM, how long /ready answers 503 while requests are still served, so the load balancer
   * stops sending new ones before the listener closes (5 under Kubernetes; 0 under `npm start`).
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(120).default(0),
  /**
   * How long a call waits for a neighbour that answered before and now refuses connections, as
   * one does while it restarts (common/src/http-client.ts). Tests of a neighbour that stays down
   * shorten it.
   */
  SERVICE_RESTART_WINDOW_SECONDS: z.coerce.number().min(0).max(120).default(15),
  /**
   * The address to listen on. Loopback by default, so a service started by hand (or by `npm
   * start`) cannot be reached around the gateway; the container image sets 0.0.0.0.
   */
  HOST: z
    .union([z.ipv4(), z.ipv6(), z.literal('localhost')], { message: 'must be an IP address such as 127.0.0.1 or 0.0.0.0' })
    .default('127.0.0.1'),
  /** auth-service: every service asks it which sessions have ended (common/src/sessions.ts). */
  AUTH_URL: z.url('must be a URL such as http://localhost:8001').default('http://127.0.0.1:8001'),
  /**
   * Where traces go (OTLP over HTTP). Read by the preload (common/src/tracing-register.ts) before
   * the service starts; named here so that a bad value stops the service with a clear message.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url('must be a URL such as http://otel-collector:4318').or(z.literal('')).optional(),
};

/**
 * Parses the environment once, at boot. The error names every bad variable, and production refuses
 * the demo secrets so a copied `.env` cannot ship them.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<z.ZodObject<S>>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data as Record<string, unknown>;
  if (config.NODE_ENV === 'production') {
    const demo = Object.entries(DEMO_VALUES)
      .filter(([name, value]) => name in shape && config[name] === value)
      .map(([name]) => `  ${name}: the demo value is not allowed when NODE_ENV=production`);
    if (demo.length > 0) throw new ConfigError(`Invalid configuration:\n${demo.join('\n')}`);
  }
  return Object.freeze(result.data);
}

/**
 * A service's database URL: its own `<NAME>_DATABASE_URL` wins (docker-compose, Kubernetes), else
 * database `name` on the `DATABASE_URL` server, else on the embedded server of `npm start`.
 */
export function databaseUrlFor(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const variable = `${name.toUpperCase()}_DATABASE_URL`;
  const own = env[variable];
  if (own) return own;
  // The embedded server's address is a convenience of `npm start`; in production it would be a
  // quiet connection to whatever listens on that port.
  if (!env.DATABASE_URL && env.NODE_ENV === 'production') {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: required when NODE_ENV=production (or DATABASE_URL, a server URL)`);
  }
  const server = new URL(env.DATABASE_URL || DEFAULT_DATABASE_SERVER);
  server.pathname = `/${name}`;
  return server.toString();
}
