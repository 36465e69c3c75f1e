import cluster from 'node:cluster';
import { createEventTransport } from '@dm/common/event-transport';
import { serviceTokens } from '@dm/common/jwt';
import { connectRedis } from '@dm/common/redis';
import { boot, database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { createClients } from './clients.js';
import { loadGatewayConfig } from './config.js';
import type { Database } from './db.js';
import { runPrimary } from './primary.js';
import { createProductActivity } from './product-activity.js';
import { sessionMiddleware } from './session.js';

const serve = () =>
  defineService({
    name: 'gateway-web',
    config: loadGatewayConfig,
    // Sessions have their own pool (DB_POOL_MAX connections); this one only answers /ready.
    database: database<Database>(migrationFolder('gateway'), { poolMax: 1 }),
    clients: ({ config, logger, jwt }) => {
      const clients = createClients(config);
      const serviceToken = serviceTokens(jwt, 'gateway-web');
      // The gateway's events (product views and cart adds): RabbitMQ with AMQP_URL, else HTTP to analytics.
      const events = createEventTransport(config, logger, serviceToken);
      return {
        clients,
        serviceToken,
        events,
        activity: createProductActivity({ transport: events, logger, flushSeconds: config.ACTIVITY_FLUSH_SECONDS }),
        sessions: sessionMiddleware({
          databaseUrl: config.databaseUrl,
          poolMax: config.DB_POOL_MAX,
          secret: config.SESSION_SECRET,
          secure: config.NODE_ENV === 'production',
          onError: (err) => logger.error({ err }, 'session store error'),
        }),
        redis: config.REDIS_URL ? connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX, logger) : undefined,
      };
    },
    // Stopped last first: the activity's final flush, then its transport closes.
    workers: ({ sessions, redis, events, activity }) => [
      sessions,
      ...(redis ? [{ stop: () => redis.quit() }] : []),
      { stop: () => events.close() },
      activity,
    ],
    app: createApp,
  });

// WEB_CONCURRENCY > 1: this process forks the workers that serve (each runs `serve`), and stays their primary.
if (cluster.isWorker) serve();
else
  boot('gateway-web', async () => {
    const config = loadGatewayConfig();
    // A migration job (--migrate) is one process, whatever WEB_CONCURRENCY says.
    if (config.WEB_CONCURRENCY > 1 && !process.argv.includes('--migrate')) await runPrimary(config, migrationFolder('gateway'));
    else serve();
  });
