import { parse } from '@dm/common/validation';
import { ProductRatingInput } from '@dm/contracts/internal';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { batchInput } from '../products/product-input.js';
import { productsByIds } from '../products/products.js';
import { applyRating } from '../products/ratings.js';

/** Calls from other services (cart, orders, reviews); the gateway never proxies /internal/*. */
export function internalRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.post('/internal/products/batch', async (req, res) => {
    const { ids } = parse(batchInput, req.body ?? {});
    res.json({ items: await productsByIds(db, ids) });
  });

  // review-service's outbox: a product's rating. Its own area, so only review-service may write it.
  router.put('/internal/product-ratings/:id', async (req, res) => {
    res.json(await applyRating(db, String(req.params.id), parse(ProductRatingInput, req.body ?? {})));
  });

  return router;
}
