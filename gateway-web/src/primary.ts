import cluster, { type Worker } from 'node:cluster';
import { openMigratedDb } from '@dm/common/db';
import { createLogger } from '@dm/common/logger';
import { aggregateWorkerMetrics } from '@dm/common/metrics';
import { ClusterMemoryStorePrimary } from '@express-rate-limit/cluster-memory-store';
import type { GatewayConfig } from './config.js';

/** A worker that dies sooner than this after its start is restarted after a pause, not in a tight loop. */
const STEADY_MS = 5_000;

/**
 * The cluster's primary (WEB_CONCURRENCY > 1): migrates the gateway's database once, forks the
 * workers that serve (they share the port, and skip the migration), forks a new one for each that
 * dies, and on SIGTERM or SIGINT passes the signal on so that every worker finishes its requests
 * (see defineService), then exits. Without Redis it also holds the rate limits' counts, so that the
 * workers count as one.
 */
export async function runPrimary(config: GatewayConfig, migrations: string): Promise<void> {
  const logger = createLogger('gateway-web', config.LOG_LEVEL);
  if (config.MIGRATE_ON_BOOT) {
    const db = await openMigratedDb(config.databaseUrl, migrations, logger, { max: 1 });
    await db.destroy();
  }
  if (!config.REDIS_URL) new ClusterMemoryStorePrimary().init();
  // Each worker's /metrics answers with the sum of all of them, so a scrape does not jump between workers.
  aggregateWorkerMetrics();

  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => {
    const worker = cluster.fork({ MIGRATE_ON_BOOT: 'false' });
    startedAt.set(worker, Date.now());
    logger.info({ pid: worker.process.pid }, 'started a gateway worker');
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.info('stopped');
        process.exit(0);
      }
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    setTimeout(fork, lived < STEADY_MS ? 1_000 : 0);
  });
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, stopping the workers`);
    // Each worker shuts down gracefully on SIGTERM and is cut after 10 s (defineService). SIGTERM
    // even for a Ctrl-C: the terminal's SIGINT reached the workers too, and a second SIGINT would kill them outright.
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    if (startedAt.size === 0) process.exit(0);
    setTimeout(() => {
      logger.warn('workers took too long to stop, exiting');
      process.exit(1);
    }, 15_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
