import { type Express, type Request, Router } from 'express';
import { type Kysely, sql } from 'kysely';

/** How long the database may fail before /ready says so: a restart or a failover blip is not an outage. */
const DATABASE_GRACE_MS = 5_000;
/** A probe that waits longer than this counts as a failure (Kubernetes gives a probe 1 s by default). */
const PROBE_TIMEOUT_MS = 800;

// Kept on the app, which every router's request can reach (req.app), so no handler needs it passed in.
const DRAINING = 'draining';

/** From now on /ready answers 503: the process is shutting down and wants no new requests. */
export function markDraining(app: Express): void {
  app.locals[DRAINING] = true;
}

const isDraining = (req: Request) => req.app.locals[DRAINING] === true;

/**
 * Whether this process's own database answers, forgiving failures younger than the grace: one
 * probe runs at a time, and its answer is shared by the callers that arrive while it runs.
 */
// biome-ignore lint/suspicious/noExplicitAny: any service's database will do
function databaseProbe(db: Kysely<any>, graceMs: number) {
  let failingSince: number | undefined;
  let inFlight: Promise<boolean> | undefined;
  const ping = async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`SELECT 1`.execute(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
        }),
      ]);
      failingSince = undefined;
    } catch {
      failingSince ??= Date.now();
    } finally {
      clearTimeout(timer);
    }
    return failingSince === undefined || Date.now() - failingSince < graceMs;
  };
  return () => (inFlight ??= ping().finally(() => (inFlight = undefined)));
}

/**
 * `/health` says the process answers (liveness: a failure means restart it). `/ready` says whether
 * *this* process can serve (readiness: a failure means send its traffic elsewhere). It is 503 while
 * the process drains for a shutdown, or when its own database has failed for longer than a short
 * grace. It never asks other services: their outage would otherwise take every caller out of the
 * load balancer with them, and those callers can still answer with their own 503 pages.
 */
// biome-ignore lint/suspicious/noExplicitAny: any service's database will do
export function healthRoutes(service: string, db?: Kysely<any>, options: { graceMs?: number } = {}): Router {
  const router = Router();
  const databaseServes = db ? databaseProbe(db, options.graceMs ?? DATABASE_GRACE_MS) : async () => true;
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  router.get('/ready', async (req, res) => {
    if (isDraining(req)) {
      res.status(503).json({ detail: 'shutting down', service });
      return;
    }
    if (!(await databaseServes())) {
      res.status(503).json({ detail: 'database unavailable', service });
      return;
    }
    res.json({ status: 'ready', service });
  });
  return router;
}
