import { parse } from '@dm/common/validation';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { batchInput } from '../products/product-input.js';
import { productsByIds } from '../products/products.js';

/** Calls from other services (cart, orders); the gateway never proxies /internal/*. */
export function internalRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.post('/internal/products/batch', async (req, res) => {
    const { ids } = parse(batchInput, req.body ?? {});
    res.json({ items: await productsByIds(db, ids) });
  });

  return router;
}
