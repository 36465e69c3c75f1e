import { parse } from '@dm/common/validation';
import { RelatedQuery } from '@dm/contracts/catalog';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { relatedProducts } from '../search/related.js';

export function relatedRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/products/:idOrSlug/related', async (req: Request<{ idOrSlug: string }>, res) => {
    const { limit } = parse(RelatedQuery, req.query);
    const includeInactive = req.principal?.role === 'admin';
    res.json({ items: await relatedProducts(db, req.params.idOrSlug, { limit, includeInactive }) });
  });

  return router;
}
