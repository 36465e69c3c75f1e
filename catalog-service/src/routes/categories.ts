import { Router } from 'express';
import type { Kysely } from 'kysely';
import { categories } from '../categories.js';
import type { Database } from '../db.js';

export function categoryRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/categories', async (_req, res) => {
    res.json(await categories.listWithCounts(db));
  });

  return router;
}
