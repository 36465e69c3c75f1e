import { Router } from 'express';
import { type Kysely, sql } from 'kysely';

/** `/health` says the process answers; `/ready` also proves the database does. */
// biome-ignore lint/suspicious/noExplicitAny: any service's database will do
export function healthRoutes(service: string, db?: Kysely<any>): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  router.get('/ready', async (_req, res) => {
    if (db) {
      try {
        await sql`SELECT 1`.execute(db);
      } catch {
        res.status(503).json({ detail: 'database unavailable', service });
        return;
      }
    }
    res.json({ status: 'ready', service });
  });
  return router;
}
