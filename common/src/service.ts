import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { Kysely } from 'kysely';
import { authenticate, requireService } from './auth.js';
import { ConfigError } from './config.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { healthRoutes } from './health.js';
import type { Jwt } from './jwt.js';
import { createLogger, type Logger, requestLogger } from './logger.js';

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
  app.set('trust proxy', 'loopback');
  app.use(requestLogger(logger));
  app.use(healthRoutes(service, db));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(authenticate(jwt));
  app.use('/internal', requireService);
  return app;
}

/** The end every JSON service shares: a JSON 404 and the one error handler. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

export interface ServeOptions {
  app: Express;
  port: number;
  host?: string;
  logger: Logger;
  /** Runs after the server stops taking requests: close pools, stop loops. */
  onClose?: () => Promise<void>;
}

/** Listens, and on SIGTERM or SIGINT stops taking requests, finishes those in flight, then closes. */
export async function serve({ app, port, host, logger, onClose }: ServeOptions): Promise<Server> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host ?? '0.0.0.0', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  // Longer than the callers' pooled sockets live, so a caller never writes to a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  logger.info({ port }, `listening on port ${port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      logger.warn('shutdown took too long, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    // Kept-alive sockets that finish their request go as soon as they are idle; after a grace
    // period, whatever is still open is cut.
    const sweepIdle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), 5_000);
    server.close(async () => {
      clearInterval(sweepIdle);
      clearTimeout(cut);
      try {
        await onClose?.();
      } finally {
        logger.info('stopped');
        process.exit(0);
      }
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
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
