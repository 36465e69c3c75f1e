import { parse } from '@dm/common/validation';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { relatedProducts, relatedQuery } from '../search/related.js';

export function relatedRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/products/:idOrSlug/related', async (req: Request<{ idOrSlug: string }>, res) => {
    const { limit } = parse(relatedQuery, req.query);
    const includeInactive = req.principal?.role === 'admin';
    res.json({ items: await relatedProducts(db, req.params.idOrSlug, { limit, includeInactive }) });
  });

  return router;
}
