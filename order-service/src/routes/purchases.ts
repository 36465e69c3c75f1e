import { parse } from '@dm/common/validation';
import { type DeliveredPurchase, DeliveredPurchaseQuery } from '@dm/contracts/internal';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { orders } from '../orders.js';

/**
 * For review-service: may this user review this product? Only a buyer whose order of it was
 * delivered may. An area of its own (`order-service:purchases`), apart from paying orders.
 */
export function purchaseRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/internal/purchases/delivered', async (req, res) => {
    const { user_id, product_id } = parse(DeliveredPurchaseQuery, req.query);
    const answer: DeliveredPurchase = { purchased: await orders.hasDelivered(db, user_id, product_id) };
    res.json(answer);
  });

  return router;
}
