import { parse } from '@dm/common/validation';
import { type Request, Router } from 'express';
import type { CartInputs } from '../cart-input.js';
import { type CartDeps, checkoutLines, getCart, linesOf } from '../carts.js';

type UserRequest = Request<{ user_id: string }>;

/** Calls from other services (orders); the gateway never proxies /internal/*. */
export function internalRoutes(deps: CartDeps, inputs: CartInputs): Router {
  const router = Router();

  router.get('/internal/carts/:user_id', async (req: UserRequest, res) => {
    const { user_id } = parse(inputs.userParam, req.params);
    res.json(await getCart(deps, user_id));
  });

  router.get('/internal/carts/:user_id/lines', async (req: UserRequest, res) => {
    const { user_id } = parse(inputs.userParam, req.params);
    res.json(await linesOf(deps, user_id));
  });

  // At least once from order-service's outbox: idempotent by order_id.
  router.post('/internal/carts/:user_id/checkouts', async (req: UserRequest, res) => {
    const { user_id } = parse(inputs.userParam, req.params);
    const { order_id, items } = parse(inputs.checkout, req.body ?? {});
    res.json(await checkoutLines(deps, user_id, order_id, items));
  });

  return router;
}
