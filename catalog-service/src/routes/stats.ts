import { requireAdmin } from '@dm/common/auth';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { catalogStats } from '../products/stats.js';

export function statsRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/stats', requireAdmin, async (_req, res) => {
    res.json(await catalogStats(db));
  });

  return router;
}
