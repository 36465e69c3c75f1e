import { requireAdmin } from '@dm/common/auth';
import type { Outbox } from '@dm/common/outbox';
import { parse } from '@dm/common/validation';
import { BulkInput } from '@dm/contracts/catalog-admin';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { editorOf } from '../products/audit-events.js';
import { bulkUpdate } from '../products/bulk.js';

/** Admin: one action on many products. */
export function adminProductRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  router.post('/products/bulk', requireAdmin, async (req, res) => {
    res.json(await bulkUpdate(db, outbox, parse(BulkInput, req.body ?? {}), editorOf(req.principal)));
  });

  return router;
}
