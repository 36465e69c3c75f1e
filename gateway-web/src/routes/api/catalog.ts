import { FEATURED_QUERY } from '@dm/contracts/api-aliases';
import { type Request, type RequestHandler, Router } from 'express';
import { requestToken } from '../../auth-cookie.js';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import { forward, rawQuery } from '../../proxy.js';

export function catalogApi({ catalog }: Clients, reader: CatalogReader): Router {
  const router = Router();
  const id = (value: string | string[] | undefined) => encodeURIComponent(String(value));
  // A caller with a token may be an admin asking for hidden products: straight to the service.
  const anonymous = (req: Request) => requestToken(req) === undefined;

  const listing: RequestHandler = async (req, res) => {
    if (!anonymous(req)) return forward(catalog, req, res, '/products');
    res.json(await reader.products(rawQuery(req)));
  };
  router.get('/products', listing);
  // Aliases for other shops' clients, before /products/:id, which would read them as ids.
  router.get('/products/search', listing);
  router.get('/products/featured', async (_req, res) => {
    res.json(await reader.products(new URLSearchParams(FEATURED_QUERY)));
  });
  // Before /products/:id, which would read "suggest" as an id. Suggestions are public and the
  // same for everyone: cached here and, briefly, by the browser while the shopper types.
  router.get('/products/suggest', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const items = q.trim().length < 2 ? [] : await reader.suggest(q);
    res.set('cache-control', 'public, max-age=30').json({ items });
  });
  router.get('/products/:id', async (req, res) => {
    if (!anonymous(req)) return forward(catalog, req, res, `/products/${id(req.params.id)}`);
    res.json(await reader.product(String(req.params.id)));
  });
  router.get('/categories', (req, res) => forward(catalog, req, res, '/categories'));

  // Writes change what the shop shows: drop the gateway's copies.
  router.post('/products', async (req, res) => {
    await forward(catalog, req, res, '/products');
    await reader.invalidate();
  });
  router.patch('/products/:id', async (req, res) => {
    await forward(catalog, req, res, `/products/${id(req.params.id)}`);
    await reader.invalidate();
  });
  router.delete('/products/:id', async (req, res) => {
    await forward(catalog, req, res, `/products/${id(req.params.id)}`);
    await reader.invalidate();
  });

  // The search's synonyms change what a cached search finds.
  router.get('/admin/search/synonyms', (req, res) => forward(catalog, req, res, '/admin/search/synonyms'));
  router.post('/admin/search/synonyms', async (req, res) => {
    await forward(catalog, req, res, '/admin/search/synonyms');
    await reader.invalidate();
  });
  router.delete('/admin/search/synonyms/:id', async (req, res) => {
    await forward(catalog, req, res, `/admin/search/synonyms/${id(req.params.id)}`);
    await reader.invalidate();
  });

  return router;
}
