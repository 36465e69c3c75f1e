import { requireAdmin } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { MovementsQuery, StockAdjustmentInput } from '@dm/contracts/catalog-admin';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { actorOf, adjustStock, movementsOf } from '../stock/stock-movements.js';

/** Admin: stock adjustments and the history of a product's stock. */
export function stockRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.post('/products/:id/stock', requireAdmin, async (req: Request<{ id: string }>, res) => {
    const change = parse(StockAdjustmentInput, req.body ?? {});
    res.status(201).json(await adjustStock(db, req.params.id, change, actorOf(req.principal)));
  });

  router.get('/products/:id/stock-movements', requireAdmin, async (req: Request<{ id: string }>, res) => {
    const { page, page_size } = parse(MovementsQuery, req.query);
    res.json(await movementsOf(db, req.params.id, page, page_size));
  });

  return router;
}
