import { Router } from 'express';
import type { CategoryCache } from '../../category-cache.js';
import type { Clients } from '../../clients.js';
import { forward } from '../../proxy.js';

export function catalogApi({ catalog }: Clients, categories: CategoryCache): Router {
  const router = Router();
  const id = (value: string | string[] | undefined) => encodeURIComponent(String(value));

  router.get('/products', (req, res) => forward(catalog, req, res, '/products'));
  router.get('/products/:id', (req, res) => forward(catalog, req, res, `/products/${id(req.params.id)}`));
  router.get('/categories', (req, res) => forward(catalog, req, res, '/categories'));

  // Writes change what the navbar counts: drop the gateway's copy of the categories.
  router.post('/products', async (req, res) => {
    await forward(catalog, req, res, '/products');
    categories.invalidate();
  });
  router.patch('/products/:id', async (req, res) => {
    await forward(catalog, req, res, `/products/${id(req.params.id)}`);
    categories.invalidate();
  });
  router.delete('/products/:id', async (req, res) => {
    await forward(catalog, req, res, `/products/${id(req.params.id)}`);
    categories.invalidate();
  });

  return router;
}
