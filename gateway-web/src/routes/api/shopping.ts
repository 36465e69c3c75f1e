import { isUuid } from '@dm/common/ids';
import { type RequestHandler, Router } from 'express';
import type { Clients } from '../../clients.js';
import type { ProductActivity } from '../../product-activity.js';
import { forward } from '../../proxy.js';
import { processPayment } from './process-payment.js';

/** Cart, orders (a vendor's too, and their money) and payments, passed to the services that own them with the caller's token. */
export function shoppingApi({ cart, order, payment }: Clients, activity: ProductActivity): Router {
  const router = Router();
  const id = (value: string | string[] | undefined) => encodeURIComponent(String(value));

  router.get('/cart', (req, res) => forward(cart, req, res, '/cart'));
  router.delete('/cart', (req, res) => forward(cart, req, res, '/cart'));
  router.post('/cart/items', async (req, res) => {
    await forward(cart, req, res, '/cart/items');
    // cart-service took it, so the product exists: a cart add for the dashboard's conversion.
    const productId = (req.body as { product_id?: unknown } | undefined)?.product_id;
    if (res.statusCode < 300 && typeof productId === 'string' && isUuid(productId)) activity.addedToCart(productId.toLowerCase());
  });
  router.patch('/cart/items/:product_id', (req, res) => forward(cart, req, res, `/cart/items/${id(req.params.product_id)}`));
  router.delete('/cart/items/:product_id', (req, res) => forward(cart, req, res, `/cart/items/${id(req.params.product_id)}`));

  router.post('/orders', (req, res) => forward(order, req, res, '/orders'));
  router.get('/orders', (req, res) => forward(order, req, res, '/orders'));
  router.get('/orders/:id', (req, res) => forward(order, req, res, `/orders/${id(req.params.id)}`));
  router.post('/orders/:id/cancel', (req, res) => forward(order, req, res, `/orders/${id(req.params.id)}/cancel`));
  router.patch('/orders/:id/status', (req, res) => forward(order, req, res, `/orders/${id(req.params.id)}/status`));

  router.get('/vendor/orders', (req, res) => forward(order, req, res, '/vendor/orders'));
  router.get('/vendor/orders/:id', (req, res) => forward(order, req, res, `/vendor/orders/${id(req.params.id)}`));
  router.post('/vendor/orders/:id/ship', (req, res) => forward(order, req, res, `/vendor/orders/${id(req.params.id)}/ship`));
  router.get('/vendor/ledger', (req, res) => forward(order, req, res, '/vendor/ledger'));
  router.get('/vendor/dashboard', (req, res) => forward(order, req, res, '/vendor/dashboard'));
  router.get('/admin/payouts', (req, res) => forward(order, req, res, '/admin/payouts'));
  router.post('/admin/payouts', (req, res) => forward(order, req, res, '/admin/payouts'));

  const history: RequestHandler = (req, res) => forward(payment, req, res, '/payments');
  router.post('/payments', (req, res) => forward(payment, req, res, '/payments'));
  router.get('/payments', history);
  router.get('/payments/user', history);
  router.post('/payments/process', processPayment(payment));

  return router;
}
