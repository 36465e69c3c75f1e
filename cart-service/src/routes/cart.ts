import { userOf } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { type Request, Router } from 'express';
import type { CartInputs } from '../cart-input.js';
import { addItem, type CartDeps, clearCart, countItems, getCart, mergeCart, quoteCart, removeItem, setQuantity } from '../carts.js';

type ProductRequest = Request<{ product_id: string }>;

/** The signed-in shopper's own cart (user or admin token), and the token-free quote for guests. */
export function cartRoutes(deps: CartDeps, inputs: CartInputs): Router {
  const router = Router();

  router.get('/cart', async (req, res) => {
    res.json(await getCart(deps, userOf(req).id));
  });

  router.get('/cart/count', async (req, res) => {
    res.json(await countItems(deps, userOf(req).id));
  });

  router.post('/cart/items', async (req, res) => {
    const userId = userOf(req).id;
    res.json(await addItem(deps, userId, parse(inputs.addItem, req.body ?? {})));
  });

  router.patch('/cart/items/:product_id', async (req: ProductRequest, res) => {
    const userId = userOf(req).id;
    const { product_id } = parse(inputs.productParam, req.params);
    const { quantity } = parse(inputs.setQuantity, req.body ?? {});
    res.json(await setQuantity(deps, userId, product_id, quantity));
  });

  router.delete('/cart/items/:product_id', async (req: ProductRequest, res) => {
    const userId = userOf(req).id;
    const { product_id } = parse(inputs.productParam, req.params);
    res.json(await removeItem(deps, userId, product_id));
  });

  router.delete('/cart', async (req, res) => {
    res.json(await clearCart(deps, userOf(req).id));
  });

  router.post('/cart/merge', async (req, res) => {
    const userId = userOf(req).id;
    res.json(await mergeCart(deps, userId, parse(inputs.merge, req.body ?? {}).items));
  });

  // No token: the gateway prices a guest's session cart with it; nothing is read or stored here.
  router.post('/cart/quote', async (req, res) => {
    res.json(await quoteCart(deps, parse(inputs.quote, req.body ?? {}).items));
  });

  return router;
}
