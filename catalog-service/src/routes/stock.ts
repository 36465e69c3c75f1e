import type { Outbox } from '@dm/common/outbox';
import { parse } from '@dm/common/validation';
import { MovementsQuery, StockAdjustmentInput } from '@dm/contracts/catalog-admin';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { editorOf } from '../products/audit-events.js';
import { adjustStock, movementsOf } from '../stock/stock-movements.js';
import { mayEditProduct } from '../vendors/sellers.js';

/** The product's seller (an admin or its vendor): stock adjustments and the history of a product's stock. */
export function stockRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();
  const mayEdit = mayEditProduct(db);

  router.post('/products/:id/stock', mayEdit, async (req: Request<{ id: string }>, res) => {
    const change = parse(StockAdjustmentInput, req.body ?? {});
    res.status(201).json(await adjustStock(db, outbox, req.params.id, change, editorOf(req.principal)));
  });

  router.get('/products/:id/stock-movements', mayEdit, async (req: Request<{ id: string }>, res) => {
    const { page, page_size } = parse(MovementsQuery, req.query);
    res.json(await movementsOf(db, req.params.id, page, page_size));
  });

  return router;
}
