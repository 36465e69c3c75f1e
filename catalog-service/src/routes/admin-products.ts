import { requireAdmin } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { BulkInput } from '@dm/contracts/catalog-admin';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { bulkUpdate } from '../products/bulk.js';

/** Admin: one action on many products. */
export function adminProductRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.post('/products/bulk', requireAdmin, async (req, res) => {
    res.json(await bulkUpdate(db, parse(BulkInput, req.body ?? {})));
  });

  return router;
}
