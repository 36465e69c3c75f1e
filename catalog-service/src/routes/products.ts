import { requireAdmin, userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { Outbox } from '@dm/common/outbox';
import { parse } from '@dm/common/validation';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { editorOf } from '../products/audit-events.js';
import { createProductInput, productListQuery, suggestQueryInput, updateProductInput } from '../products/product-input.js';
import { createProduct, deactivateProduct, getProduct, updateProduct } from '../products/products.js';
import { searchProducts } from '../search/product-search.js';
import { suggestProducts } from '../search/search.js';

const isAdmin = (req: Request) => req.principal?.role === 'admin';

export function productRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  router.get('/products', async (req, res) => {
    const query = parse(productListQuery, req.query);
    // Inactive products are the admin's business: asking for them needs the admin's token.
    if (query.status !== 'active' && userOf(req).role !== 'admin') throw new HttpError(403, 'admin role required');
    res.json(await searchProducts(db, query));
  });

  // Before /products/:idOrSlug, which would read "suggest" as a slug.
  router.get('/products/suggest', async (req, res) => {
    const { q } = parse(suggestQueryInput, req.query);
    res.json({ items: await suggestProducts(db, q) });
  });

  router.get('/products/:idOrSlug', async (req, res) => {
    res.json(await getProduct(db, req.params.idOrSlug, { includeInactive: isAdmin(req) }));
  });

  router.post('/products', requireAdmin, async (req, res) => {
    res.status(201).json(await createProduct(db, outbox, parse(createProductInput, req.body ?? {}), editorOf(req.principal)));
  });

  router.patch('/products/:id', requireAdmin, async (req: Request<{ id: string }>, res) => {
    res.json(await updateProduct(db, outbox, req.params.id, parse(updateProductInput, req.body ?? {}), editorOf(req.principal)));
  });

  router.delete('/products/:id', requireAdmin, async (req: Request<{ id: string }>, res) => {
    await deactivateProduct(db, outbox, req.params.id, editorOf(req.principal));
    res.status(204).end();
  });

  return router;
}
