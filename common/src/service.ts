import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Kysely } from 'kysely';
import { authenticate, requireService } from './auth.js';
import { ConfigError } from './config.js';
import { createDb, openMigratedDb } from './db.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { healthRoutes, markDraining } from './health.js';
import { createServiceClient } from './http-client.js';
import { limitJsonDepth } from './json-depth.js';
import { createJwt, type Jwt, serviceTokens } from './jwt.js';
import { createLogger, type Logger, requestLogger } from './logger.js';
import { metrics } from './metrics.js';
import { remoteSessions } from './sessions.js';
import { flushTraces } from './trace-context.js';

export interface BaseAppDeps {
  service: string;
  logger: Logger;
  jwt: Jwt;
  // biome-ignore lint/suspicious/noExplicitAny: any service's database will do
  db?: Kysely<any>;
}

/**
 * The start every JSON service shares: request ids and logs, body parsing, health, bearer auth,
 * and the one guard of `/internal/*`: calls between services, with a service token only.
 */
export function createBaseApp({ service, logger, jwt, db }: BaseAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Their callers are services, which keep no HTTP cache: hashing every answer for an ETag (a
  // listing is 16 KB) would be work for nobody. An image sets its own.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  // Internal services are reached only by their neighbours and Prometheus: /metrics answers anyone.
  app.use(metrics({ service, db }));
  app.use(requestLogger(logger, { clientIpHeader: true }));
  app.use(healthRoutes(service, db));
  app.use(express.json({ limit: '1mb' }), limitJsonDepth);
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(authenticate(jwt));
  app.use('/internal', requireService(service));
  return app;
}

/** The end every JSON service shares: a JSON 404 and the one error handler. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

export interface ListenOptions {
  app: Express;
  port: number;
  host?: string;
  logger: Logger;
  /** Runs after the server stops taking requests: close pools, stop loops. */
  onClose?: () => Promise<void>;
  /** SHUTDOWN_DELAY_SECONDS: how long to keep serving, unready, before the listener closes. */
  shutdownDelaySeconds?: number;
}

/** A server taking requests, and the one way to stop it. */
export interface Listening {
  server: Server;
  /** The port it listens on (the one the system chose when asked for 0). */
  port: number;
  /**
   * Answers /ready with 503 and keeps serving for the shutdown delay, then stops taking requests,
   * finishes those in flight and runs `onClose`. Asking twice stops once.
   */
  shutdown(): Promise<void>;
}

/** Listens on `port` and hands back the graceful shutdown, without touching the process's signals. */
export async function listen({ app, port, host, logger, onClose, shutdownDelaySeconds = 0 }: ListenOptions): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host ?? '0.0.0.0', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  // Longer than the callers' pooled sockets live, so a caller never writes to a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const bound = (server.address() as AddressInfo).port;
  logger.info({ host: host ?? '0.0.0.0', port: bound }, `listening on ${host ?? '0.0.0.0'} port ${bound}`);

  let draining = false;
  // While draining, each answer closes its connection, so callers' pools open fresh ones to a
  // replica that stays rather than reuse one this process is about to close under them.
  server.prependListener('request', (_req, res) => {
    if (draining) res.shouldKeepAlive = false;
  });
  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      draining = true;
      markDraining(app);
      if (shutdownDelaySeconds > 0) {
        logger.info(`unready; serving ${shutdownDelaySeconds} s more before closing`);
        await new Promise((resolve) => setTimeout(resolve, shutdownDelaySeconds * 1000));
      }
      await new Promise<void>((resolve, reject) => {
        // Kept-alive sockets that finish their request go as soon as they are idle; after a grace
        // period, whatever is still open is cut.
        const sweepIdle = setInterval(() => server.closeIdleConnections(), 100);
        const cut = setTimeout(() => server.closeAllConnections(), 5_000);
        server.close(() => {
          clearInterval(sweepIdle);
          clearTimeout(cut);
          Promise.resolve()
            .then(() => onClose?.())
            .then(resolve, reject);
        });
        server.closeIdleConnections();
      });
    })();
    return closing;
  };
  return { server, port: bound, shutdown };
}

/** On SIGTERM or SIGINT: the graceful shutdown, then exit; one that hangs is cut 10 s after the delay. */
function exitOnSignals(logger: Logger, shutdown: () => Promise<void>, delaySeconds: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    const force = setTimeout(
      () => {
        logger.warn('shutdown took too long, exiting');
        process.exit(1);
      },
      10_000 + delaySeconds * 1000,
    );
    force.unref();
    shutdown()
      .catch((err: unknown) => logger.error({ err }, 'shutdown failed'))
      .finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * Runs a service's `main`. A bad configuration prints its message (naming the variable) and
 * exits 1; any other boot failure is logged without a stack and exits 1.
 */
export function boot(service: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: ${err.message}\n`);
    } else {
      createLogger(service, 'fatal').fatal({ err }, `${service} failed to start`);
    }
    process.exit(1);
  });
}

/** A loop a service runs beside its HTTP server: an outbox, a sweeper, a session store's pruning. */
export interface BackgroundWorker {
  /** Starts the loop once the server listens; absent for one that runs from its creation. */
  start?(): void;
  /** Stops the loop and waits for the round in progress. */
  stop(): Promise<void>;
}

/** What every service's configuration holds (`baseEnv`, `PORT` and the database URL). */
export interface ServiceConfig {
  readonly PORT: number;
  readonly HOST: string;
  readonly LOG_LEVEL: string;
  readonly JWT_SECRET: string;
  readonly DB_POOL_MAX: number;
  readonly MIGRATE_ON_BOOT: boolean;
  readonly SHUTDOWN_DELAY_SECONDS: number;
  readonly AUTH_URL: string;
  readonly databaseUrl: string;
}

/** A service's own database: the folder of its migrations, and its Kysely type. */
export interface DatabaseSpec<DB> {
  readonly migrations: string;
  /** Connections in the pool; `DB_POOL_MAX` when not given. */
  readonly poolMax?: number;
  /** Never set: carries the database's type to the rest of the definition. */
  readonly schema?: DB;
}

export function database<DB>(migrations: string, options: { poolMax?: number } = {}): DatabaseSpec<DB> {
  return { migrations, ...options };
}

/** What every step of a service's start-up is handed. */
export interface ServiceBase<C, DB> {
  config: C;
  logger: Logger;
  db: Kysely<DB>;
  jwt: Jwt;
}

/** One service, in the order it starts: each step gets what the steps before it made. */
export interface ServiceDefinition<C extends ServiceConfig, DB, Clients extends object> {
  name: string;
  /** Reads the environment once; a `ConfigError` stops the service with its message. */
  config: () => C;
  /** Opened, created when missing and migrated before anything else touches it. */
  database: DatabaseSpec<DB>;
  /** Idempotent data the service needs before it serves (the admin, the demo catalog). */
  seed?: (base: Omit<ServiceBase<C, DB>, 'jwt'>) => Promise<void>;
  /** The clients of other services, and whatever the routes and the workers share. */
  clients: (base: ServiceBase<C, DB>) => Clients;
  /** Started once the server listens; stopped, last first, before the pool closes. */
  workers: (deps: ServiceBase<C, DB> & Clients) => BackgroundWorker[];
  app: (deps: ServiceBase<C, DB> & Clients) => Express;
}

/** A started service: listening, its workers running. */
export interface RunningService extends Listening {
  logger: Logger;
  shutdownDelaySeconds: number;
}

/**
 * Starts a service the one way every service starts: config, logger, database (open, migrate,
 * seed), JWT, clients, workers, app, listen, then the workers. Its `shutdown()` stops taking
 * requests, finishes those in flight, stops the workers (last first) and closes the pool. A start
 * that fails half-way leaves no pool or loop behind it.
 */
export async function startService<C extends ServiceConfig, DB, Clients extends object>(
  service: ServiceDefinition<C, DB, Clients>,
): Promise<RunningService> {
  const config = service.config();
  const logger = createLogger(service.name, config.LOG_LEVEL);
  const poolMax = service.database.poolMax ?? config.DB_POOL_MAX;
  // Without MIGRATE_ON_BOOT a migration job has prepared the database (schema and seed) already.
  const db = config.MIGRATE_ON_BOOT
    ? await openMigratedDb<DB>(config.databaseUrl, service.database.migrations, logger, { max: poolMax })
    : createDb<DB>(config.databaseUrl, { max: poolMax });
  const workers: BackgroundWorker[] = [];
  const close = async () => {
    try {
      for (const worker of [...workers].reverse()) await worker.stop();
    } finally {
      await db.destroy();
    }
  };
  let listening: Listening;
  try {
    if (config.MIGRATE_ON_BOOT) await service.seed?.({ config, logger, db });
    // Every user token is checked against auth-service's live sessions (auth-service's own app
    // checks its table directly instead, so this client of itself is never asked).
    const sessions = remoteSessions({
      auth: createServiceClient('auth', config.AUTH_URL),
      serviceToken: serviceTokens(createJwt(config.JWT_SECRET), service.name),
    });
    const base: ServiceBase<C, DB> = { config, logger, db, jwt: createJwt(config.JWT_SECRET, { sessions }) };
    const deps = { ...base, ...service.clients(base) };
    workers.push(...service.workers(deps));
    listening = await listen({
      app: service.app(deps),
      port: config.PORT,
      host: config.HOST,
      logger,
      onClose: close,
      shutdownDelaySeconds: config.SHUTDOWN_DELAY_SECONDS,
    });
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  for (const worker of workers) worker.start?.();
  return { ...listening, logger, shutdownDelaySeconds: config.SHUTDOWN_DELAY_SECONDS };
}

/**
 * What a migration job runs (`node <service>/dist/main.js --migrate`): creates the service's
 * database when missing, migrates it, seeds it, and stops. The replicas then start with
 * MIGRATE_ON_BOOT=false, so none of them changes the schema under the others.
 */
export async function migrateService<C extends ServiceConfig, DB, Clients extends object>(
  service: ServiceDefinition<C, DB, Clients>,
): Promise<void> {
  const config = service.config();
  const logger = createLogger(service.name, config.LOG_LEVEL);
  const db = await openMigratedDb<DB>(config.databaseUrl, service.database.migrations, logger, { max: 2 });
  try {
    await service.seed?.({ config, logger, db });
  } finally {
    await db.destroy();
  }
  logger.info('database migrated and seeded');
}

/**
 * A service's whole `main.ts`: starts it (see `startService`), and on SIGTERM or SIGINT shuts it
 * down gracefully and exits. With `--migrate` it prepares its database and exits instead. A bad
 * configuration exits 1 with a message naming the variable.
 */
export function defineService<C extends ServiceConfig, DB, Clients extends object>(service: ServiceDefinition<C, DB, Clients>): void {
  boot(service.name, async () => {
    if (process.argv.includes('--migrate')) {
      await migrateService(service);
      process.exit(0);
    }
    const running = await startService(service);
    // The spans still batched go out once the last request is served.
    exitOnSignals(
      running.logger,
      async () => {
        try {
          await running.shutdown();
        } finally {
          await flushTraces();
        }
      },
      running.shutdownDelaySeconds,
    );
  });
}
