import { userOf } from '@dm/common/auth';
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
import { assertMayEdit, mayViewInactive, requireSeller, shopForNewProduct } from '../vendors/sellers.js';

export function productRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  router.get('/products', async (req, res) => {
    const query = parse(productListQuery, req.query);
    // Inactive products are their seller's business: an admin's, or a vendor's for their own shop.
    if (query.status !== 'active' && !mayViewInactive(userOf(req), query.vendor ?? null)) {
      throw new HttpError(403, 'only an admin, or a vendor for their own shop, may list inactive products');
    }
    res.json(await searchProducts(db, query));
  });

  // Before /products/:idOrSlug, which would read "suggest" as a slug.
  router.get('/products/suggest', async (req, res) => {
    const { q } = parse(suggestQueryInput, req.query);
    res.json({ items: await suggestProducts(db, q) });
  });

  router.get('/products/:idOrSlug', async (req, res) => {
    res.json(await getProduct(db, req.params.idOrSlug, { includeInactive: (vendorId) => mayViewInactive(req.principal, vendorId) }));
  });

  router.post('/products', requireSeller, async (req, res) => {
    const input = parse(createProductInput, req.body ?? {});
    const shop = await shopForNewProduct(db, req, input);
    res.status(201).json(await createProduct(db, outbox, input, editorOf(req.principal), shop));
  });

  router.patch('/products/:id', requireSeller, async (req: Request<{ id: string }>, res) => {
    const patch = parse(updateProductInput, req.body ?? {});
    await assertMayEdit(db, req, req.params.id, patch);
    res.json(await updateProduct(db, outbox, req.params.id, patch, editorOf(req.principal)));
  });

  router.delete('/products/:id', requireSeller, async (req: Request<{ id: string }>, res) => {
    await assertMayEdit(db, req, req.params.id);
    await deactivateProduct(db, outbox, req.params.id, editorOf(req.principal));
    res.status(204).end();
  });

  return router;
}
